import Foundation
import Testing
@testable import Experiments
@testable import Layers

@Suite struct AdviceTests {
    static func run(_ activation: String, depth: Int, accuracy: Double, seed: Int = 0) -> ActivationComparison.Run {
        let history = History(history: ["val_accuracy": [accuracy - 0.02, accuracy]], seconds: [1, 1])
        return .init(activation: activation, depth: depth, parameters: 1, testAccuracy: accuracy, testLoss: 0.1,
                     secondsPerEpoch: 1, publishedAccuracy: nil, history: history)
    }

    /// A folder holding an `actlab compare` results.json with these runs.
    static func compareFolder(_ runs: [ActivationComparison.Run]) throws -> String {
        struct Document: Encodable { let configuration: ActivationComparison.Configuration; let runs: [ActivationComparison.Run] }
        let folder = NSTemporaryDirectory() + "actlab-advice-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try JSONEncoder().encode(Document(configuration: .init(), runs: runs)).write(to: URL(fileURLWithPath: folder + "/results.json"))
        return folder
    }

    static func statement(_ id: String, _ evidence: AdviceEvidence, depth: Int? = nil) -> AdviceStatement {
        Advisor.advise(AdviceQuestion(task: .multiclass, depth: depth), evidence: evidence).first { $0.id == id }!
    }

    @Test func reluOverSigmoidIsBackedByACompareRun() throws {
        let folder = try Self.compareFolder([Self.run("relu", depth: 1, accuracy: 0.9797), Self.run("sigmoid", depth: 1, accuracy: 0.9683)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let s = Self.statement("relu-default", try AdviceEvidence.load(folder: folder))
        #expect(s.finding.verdict == .backed)
        #expect(s.finding.detail.contains("relu 0.9797 vs sigmoid 0.9683 after 2 epochs"), "\(s.finding.detail)")
    }

    @Test func reversedFiguresContradictAndCloseOnesAreInconclusive() {
        let reversed = AdviceEvidence(source: "x", figures: MNISTMLPLab.figures(runs: [
            Self.run("relu", depth: 1, accuracy: 0.95), Self.run("sigmoid", depth: 1, accuracy: 0.97)]))
        #expect(Self.statement("relu-default", reversed).finding.verdict == .contradicted)
        let close = AdviceEvidence(source: "x", figures: MNISTMLPLab.figures(runs: [
            Self.run("relu", depth: 1, accuracy: 0.9701), Self.run("sigmoid", depth: 1, accuracy: 0.9700)]))
        #expect(Self.statement("relu-default", close).finding.verdict == .inconclusive)
    }

    /// With several seeds the margin is twice the standard error: a 0.002 gap with tight seeds counts,
    /// the same gap with scattered seeds does not.
    @Test func severalSeedsSetTheNoiseMargin() {
        let tight = MNISTMLPLab.figures(runs: [0.9800, 0.9801, 0.9799].map { Self.run("tanh", depth: 1, accuracy: $0) }
            + [0.9780, 0.9781, 0.9779].map { Self.run("sigmoid", depth: 1, accuracy: $0) })
        #expect(tight["mnist-mlp/seeds/tanh/depth1"] == 3)
        #expect(Self.statement("tanh-over-sigmoid", AdviceEvidence(source: "x", figures: tight)).finding.verdict == .backed)
        let scattered = MNISTMLPLab.figures(runs: [0.970, 0.990, 0.980].map { Self.run("tanh", depth: 1, accuracy: $0) }
            + [0.968, 0.988, 0.978].map { Self.run("sigmoid", depth: 1, accuracy: $0) })
        #expect(Self.statement("tanh-over-sigmoid", AdviceEvidence(source: "x", figures: scattered)).finding.verdict == .inconclusive)
    }

    @Test func depthWithoutNonLinearity() {
        let flat = AdviceEvidence(source: "x", figures: MNISTMLPLab.figures(runs: [
            Self.run("linear", depth: 1, accuracy: 0.918), Self.run("linear", depth: 6, accuracy: 0.877)]))
        let s = Self.statement("depth-needs-nonlinearity", flat)
        #expect(s.finding.verdict == .backed, "\(s.text)")
        let helped = AdviceEvidence(source: "x", figures: MNISTMLPLab.figures(runs: [
            Self.run("linear", depth: 1, accuracy: 0.90), Self.run("linear", depth: 6, accuracy: 0.95)]))
        #expect(Self.statement("depth-needs-nonlinearity", helped).finding.verdict == .contradicted)
    }

    @Test func statementsWithoutFiguresSayNoMeasurementInTheFolder() {
        let s = Self.statement("dead-units", AdviceEvidence(source: "runs/abc", figures: [:]))
        #expect(s.finding.verdict == .noMeasurement)
        #expect(s.finding.detail == "no measurement in runs/abc")
        let costed = AdviceEvidence(source: "x", figures: ["plots/ns_per_element/leaky_relu": 0.2, "plots/ns_per_element/elu": 1.0])
        #expect(Self.statement("elu-cost", costed).finding.verdict == .backed)
        let dead = AdviceEvidence(source: "x", figures: ["curve-fit/dead_units/relu": 0.5, "curve-fit/dead_units/leaky_relu": 0])
        #expect(Self.statement("dead-units", dead).finding.verdict == .backed)
    }

    @Test func outputAdviceFollowsTheTaskAndDepthAdviceTheDepth() {
        func claims(_ q: AdviceQuestion) -> [String: String] {
            Dictionary(uniqueKeysWithValues: Advisor.advise(q, evidence: nil).map { ($0.id, $0.claim) })
        }
        #expect(claims(AdviceQuestion(task: .binary))["output-activation"]!.contains("sigmoid"))
        #expect(claims(AdviceQuestion(task: .multiclass))["output-activation"]!.contains("softmax"))
        #expect(claims(AdviceQuestion(task: .regression))["output-activation"]!.contains("linear"))
        #expect(claims(AdviceQuestion(task: .binary))["deep-network"] == nil)
        #expect(claims(AdviceQuestion(task: .binary, depth: 10))["deep-network"]!.contains("10 hidden layers"))
        let deep = Self.statement("deep-network", AdviceEvidence(source: "x", figures: ["plots/max_derivative/sigmoid": 0.25]), depth: 10)
        #expect(deep.finding.detail.contains("9.54e-07"), "\(deep.finding.detail)")
    }

    @Test func aReportResultsFileIsRead() throws {
        let folder = NSTemporaryDirectory() + "actlab-advice-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = LabResults(quick: true, seeds: 1, sections: [
            LabSection(id: "plots", title: "t", charts: [LabChart(name: "c", title: "c", series: [LabSeries("exp", x: [0, 1], y: [1, .infinity])])],
                       figures: ["plots/ns_per_element/leaky_relu": 1, "plots/ns_per_element/elu": 1.05]),
        ], skipped: [])
        try LabResults.encoder.encode(results).write(to: URL(fileURLWithPath: folder + "/results.json"))
        let evidence = try AdviceEvidence.load(folder: folder)
        #expect(evidence.figures["plots/ns_per_element/elu"] == 1.05)
        #expect(Self.statement("elu-cost", evidence).finding.verdict == .inconclusive)
    }

    @Test func foldersThatAreNotResultsGiveOneLineErrors() throws {
        let folder = NSTemporaryDirectory() + "actlab-advice-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func message(_ path: String) -> String {
            do { _ = try AdviceEvidence.load(folder: path); return "" } catch { return "\(error)" }
        }
        #expect(message(folder + "/none").contains("no such folder"))
        #expect(message(folder).contains("no results.json"))
        let json = folder + "/results.json"
        try Data("{\"epochs\": [1, 2]}".utf8).write(to: URL(fileURLWithPath: json))
        #expect(message(folder).contains("not written by actlab compare or actlab report"))
        try Data("[1, 2".utf8).write(to: URL(fileURLWithPath: json))
        #expect(message(folder).contains("not valid JSON"))
        try Data("{\"configuration\": {}, \"runs\": [{\"activation\": 3}]}".utf8).write(to: URL(fileURLWithPath: json))
        let m = message(folder)
        #expect(m.contains("runs") && !m.contains("\n"), "\(m)")
        #expect(message(json).contains("not a folder"))
        try FileManager.default.removeItem(atPath: json)
        #expect(mkfifo(json, 0o600) == 0)
        #expect(message(folder).contains("not a regular file"))
        #expect(message("").contains("empty path"))
    }
}
