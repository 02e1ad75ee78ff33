import Foundation
import Testing
@testable import Experiments
@testable import Layers
@testable import Reports

/// The report with the synthetic, curve-fit and depth sections in it, from small real runs.
@Suite struct LabReportSectionsTests {
    static func depthRun(_ activation: String, norms: [Double]) -> DepthExperiment.Run {
        .init(activation: activation, kernelInitializer: "glorot_uniform", testAccuracy: 0.9, testLoss: 0.3,
              layers: norms.indices.map { "dense_\($0)" }, gradientNorms: [norms], deadFractions: norms.map { _ in 0 },
              saturatedFractions: norms.map { _ in nil }, history: History(history: [:], seconds: []))
    }

    static func results() throws -> LabResults {
        var b = SyntheticLab.configuration(quick: true)
        (b.samples, b.epochs, b.hiddenUnits) = (60, 2, 4)
        let synthetic = SyntheticLab.section(try SyntheticComparison(configuration: b).run())
        var c = CurveFitLab.configuration(quick: true)
        (c.activations, c.seeds, c.epochs, c.points) = (["relu", "leaky_relu"], 2, 10, 20)
        let fit = try CurveFit(configuration: c)
        let curveFit = CurveFitLab.section(fit, try fit.run())
        var d = DepthExperiment.Configuration()
        (d.activations, d.depth) = (["sigmoid", "relu"], 3)
        let depth = DepthLab.section(runs: [depthRun("sigmoid", norms: [0.001, 0.01, 0.1, 1]), depthRun("relu", norms: [0.5, 0.5, 0.5, 1])],
                                     configuration: d, trainingImages: 100, testImages: 50)
        return LabResults(quick: true, seeds: 1, sections: [synthetic, curveFit, depth], skipped: [])
    }

    @Test func sectionsChartsAndAdviceAppear() throws {
        let report = LabReport(results: try Self.results(), generated: "Generated 2026-01-01 00:00 UTC")
        let folder = NSTemporaryDirectory() + "actlab-lab-sections-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try report.write(to: folder, png: false)
        for name in ["charts/synthetic-val-accuracy.svg", "charts/curve-fit-fit-relu.svg", "charts/curve-fit-fit-leaky-relu.svg",
                     "charts/depth-gradient-norms.svg"] {
            #expect(written.contains(folder + "/" + name), "\(name) missing from \(written)")
        }
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        for title in [SyntheticLab.title, CurveFitLab.title, DepthLab.title] { #expect(html.contains(title)) }
        let verdicts = Dictionary(uniqueKeysWithValues: report.advice.map { ($0.id, $0.finding.verdict) })
        #expect(verdicts["dead-units"] != .noMeasurement)
        #expect(verdicts["saturation"] == .backed)
        #expect(verdicts["relu-default"] != .noMeasurement)
        // `actlab advise --from` reads the same figures back from the folder.
        let back = try AdviceEvidence.load(folder: folder)
        #expect(back.figures["depth/gradient_ratio/sigmoid"] == 0.01)
        #expect(back.figures["curve-fit/dead_units/relu"] != nil)
    }
}
