import Foundation
import Testing
@testable import Sweeps

/// The collected statistics against numbers worked out by hand.
@Suite struct SweepCollectorTests {
    static func result(_ activation: String, seed: UInt64, lr: Double, score: Double) throws -> SweepResult {
        let run = SweepRun(task: "counting", model: "none", activation: try SweepActivation(name: activation), seed: seed, parameters: ["lr": .number(lr)])
        return SweepResult(run: run, measurement: SweepMeasurement(metrics: ["score": score, "other": 2 * score], history: ["loss": [score, score / 2]]),
                           seconds: 1, host: "test")
    }

    @Test func summariesAndPairedComparisonByHand() throws {
        let relu = [0.80, 0.82, 0.84], tanh = [0.83, 0.86, 0.85]
        let results = try (0..<3).map { try Self.result("relu", seed: UInt64($0), lr: 0.1, score: relu[$0]) }
            + (0..<3).map { try Self.result("tanh", seed: UInt64($0), lr: 0.1, score: tanh[$0]) }
            + [try Self.result("tanh", seed: 0, lr: 0.2, score: 0.9)]
        let plan = SweepPlan(name: "t", task: "counting", baseline: try SweepActivation(name: "relu"), varied: ["lr"],
                             runs: results.map(\.run) + [SweepRun(task: "counting", model: "none", activation: try SweepActivation(name: "relu"), seed: 0, parameters: ["lr": .number(0.2)])])
        let c = SweepCollector.collect(plan: plan, results: results, missing: [plan.runs.last!.id], metrics: ["score", "other"])
        #expect(c.planned == 8 && c.finished == 7 && !c.isComplete)
        #expect(c.groups.map(\.activation) == ["relu", "tanh", "tanh"])
        #expect(c.groups.map { $0.parameters["lr"]! } == ["0.1", "0.1", "0.2"])
        // relu: mean 0.82, sd 0.02 (deviations -0.02, 0, 0.02 over n - 1 = 2), half-width t(0.975, 2) sd / sqrt(3).
        let s = try #require(c.groups[0].summaries["score"])
        #expect(abs(s.mean - 0.82) < 1e-12)
        #expect(abs(s.standardDeviation - 0.02) < 1e-12)
        let half = 4.302652729911275 * 0.02 / 3.0.squareRoot()
        #expect(abs(s.confidenceInterval95.lowerBound - (0.82 - half)) < 1e-9)
        #expect(abs(s.confidenceInterval95.upperBound - (0.82 + half)) < 1e-9)
        #expect(abs(c.groups[0].summaries["other"]!.mean - 1.64) < 1e-12)
        #expect(c.groups[0].meanHistory["loss"]!.count == 2)
        // tanh - relu by seed: 0.03, 0.04, 0.01. Mean 0.08 / 3, sd sqrt(0.0007 / 3) (squared deviations 1/9e-4, 16/9e-4, 25/9e-4 over 2).
        #expect(c.comparisons.count == 1)  // the lr 0.2 tanh run has no relu partner
        let p = c.comparisons[0]
        let mean = 0.08 / 3, sd = (0.0007 / 3).squareRoot()
        let t = mean / (sd / 3.0.squareRoot())
        #expect(p.pairs == 3)
        #expect(abs(p.meanDifference - mean) < 1e-12)
        #expect(abs(p.t - t) < 1e-9)
        // With 2 degrees of freedom Student's t has a closed form: P(|T| >= t) = 1 - t / sqrt(2 + t^2).
        #expect(abs(p.pValue - (1 - t / (2 + t * t).squareRoot())) < 1e-9)
        #expect(abs(p.lower95 - (mean - 4.302652729911275 * sd / 3.0.squareRoot())) < 1e-9)
        #expect(p.adjustedPValue == p.pValue)  // one comparison: Holm changes nothing
        #expect(!p.distinguishable)
        #expect(p.verdict == "tanh vs relu (lr=0.1): score +0.0267 [-0.0113, +0.0646], not distinguishable (p = 0.094, paired t over 3 seeds, Holm-adjusted)")
    }

    @Test func reportTableAndFiles() throws {
        let results = try (0..<2).flatMap { seed in
            try [Self.result("relu", seed: UInt64(seed), lr: 0.1, score: 0.5 + Double(seed) / 10),
                 Self.result("relu", seed: UInt64(seed), lr: 0.2, score: 0.6 + Double(seed) / 10)]
        }
        let plan = SweepPlan(name: "t", task: "counting", baseline: try SweepActivation(name: "relu"), varied: ["lr"], runs: results.map(\.run))
        let report = SweepReport(SweepCollector.collect(plan: plan, results: results, missing: [], metrics: ["score", "other"]))
        #expect(report.table.text == """
            | activation | lr  | runs | score mean |    std |            95% CI | other mean |
            | ---------- | --- | ---: | ---------: | -----: | ----------------: | ---------: |
            | relu       | 0.1 |    2 |     0.5500 | 0.0707 | [-0.0853, 1.1853] |     1.1000 |
            | relu       | 0.2 |    2 |     0.6500 | 0.0707 |  [0.0147, 1.2853] |     1.3000 |

            """)
        #expect(report.charts.map(\.name) == ["score-by-lr.svg", "history-loss.svg"])
        let dir = try SweepFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try report.write(to: dir)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == ["summary.md", "sweep.json", "score-by-lr.svg", "history-loss.svg"])
        let back = try SweepResult.decoder.decode(SweepCollection.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/sweep.json")))
        #expect(back == report.collection)
    }
}
