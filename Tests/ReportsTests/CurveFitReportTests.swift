import Experiments
import Foundation
import Testing
@testable import Reports

@Suite struct CurveFitReportTests {
    static func report() throws -> CurveFitReport {
        var c = CurveFit.Configuration()
        c.activations = ["relu", "tanh"]
        c.seeds = 3
        c.epochs = 30
        let experiment = try CurveFit(configuration: c)
        return CurveFitReport(experiment: experiment, results: try experiment.run())
    }

    @Test func tableHasOneRowPerActivationAndTheCounts() throws {
        let r = try Self.report()
        #expect(r.table.rows.map { $0[0] } == ["relu", "tanh"])
        #expect(r.table.headers.contains("runs with a dead unit"))
        for (row, s) in zip(r.table.rows, r.results.summaries) {
            #expect(row[5] == "\(s.runsWithDeadUnit!)" && row[6] == "\(s.runsBelowThreshold)")
        }
        #expect(r.figures["relu.fit_run_fraction"] != nil && r.figures["tanh.dead_unit_run_fraction"] == 0)
    }

    /// The typical run is the median one, and its chart draws the target, the fit and one
    /// weighted copy of the activation per hidden unit.
    @Test func unitChartDrawsEachUnit() throws {
        let r = try Self.report()
        let typical = r.typicalRun("tanh")!
        let mses = r.results.runs.filter { $0.activation == "tanh" }.map(\.finalMSE).sorted()
        #expect(typical.finalMSE == mses[1])
        let chart = r.unitChart("tanh")!
        #expect(chart.series.count == 4)
        #expect(chart.series.filter(\.dashed).count == 2)
        #expect(r.charts.map(\.name) == ["fits.svg", "fit-relu.svg", "fit-tanh.svg"])
    }

    @Test func writesEverythingAndReadsBack() throws {
        let r = try Self.report()
        let dir = NSTemporaryDirectory() + "curve-fit-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try r.write(to: dir, png: false)
        let back = try JSONDecoder().decode(CurveFit.Results.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/results.json")))
        #expect(back.runs == r.results.runs && back.summaries == r.results.summaries)
        #expect(try String(contentsOfFile: dir + "/results.md", encoding: .utf8).contains(r.table.text))
    }
}
