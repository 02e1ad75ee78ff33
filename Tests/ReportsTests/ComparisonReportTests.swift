import Foundation
import Testing
@testable import Experiments
@testable import Layers
@testable import Reports

@Suite struct ComparisonReportTests {
    static func run(_ activation: String, depth: Int, accuracy: Double) -> ActivationComparison.Run {
        let history = History(history: ["loss": [0.4, 0.2], "accuracy": [0.9, 0.95],
                                        "val_loss": [0.2, 0.1], "val_accuracy": [accuracy - 0.01, accuracy]],
                              seconds: [1.25, 1.75])
        return .init(activation: activation, depth: depth, parameters: depth == 1 ? 407_050 : 1_720_330,
                     testAccuracy: accuracy, testLoss: 0.1, secondsPerEpoch: 1.5,
                     publishedAccuracy: PublishedResults.mnistMLP(activation: activation, depth: depth), history: history)
    }

    static let report = ComparisonReport(configuration: ActivationComparison.Configuration(),
                                         runs: [run("relu", depth: 1, accuracy: 0.98123), run("sigmoid", depth: 6, accuracy: 0.95)])

    @Test func tableRowsShowFormattedFigures() {
        let lines = Self.report.table.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let relu = lines[2].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(relu == ["relu", "1", "407,050", "0.9812", "0.1000", "1.50", "0.982"])
        #expect(lines[3].contains("1,720,330"))
        #expect(Self.report.markdown.hasPrefix("# Activation comparison on MNIST\n"))
        #expect(Self.report.markdown.contains("512-unit hidden layers, rmsprop"))
        #expect(Self.report.markdown.contains("batch 128, 5 epochs, seed 0"))
    }

    @Test func writesResultsAndPerRunHistories() throws {
        let dir = NSTemporaryDirectory() + "actlab-report-" + UUID().uuidString + "/nested"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        let written = try Self.report.write(to: dir)
        let names = ["relu-depth1.json", "relu-depth1.csv", "sigmoid-depth6.json", "sigmoid-depth6.csv", "results.json", "results.md"]
        #expect(written == names.map { dir + "/" + $0 })
        // Nothing else is left behind, temporary files included.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == names.sorted())

        struct Document: Decodable {
            let configuration: ActivationComparison.Configuration
            let runs: [ActivationComparison.Run]
        }
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/results.json")))
        #expect(document.configuration == Self.report.configuration)
        #expect(document.runs == Self.report.runs)
        let history = try JSONDecoder().decode(History.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/relu-depth1.json")))
        #expect(history == Self.report.runs[0].history)
        let csv = try String(contentsOfFile: dir + "/sigmoid-depth6.csv", encoding: .utf8)
        #expect(csv.hasPrefix("epoch,accuracy,loss,val_accuracy,val_loss\n0,0.9,0.4,0.94,0.2\n"))
        #expect(try String(contentsOfFile: dir + "/results.md", encoding: .utf8) == Self.report.markdown)
    }
}
