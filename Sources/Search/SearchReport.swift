import Activations
import Foundation
import Layers
import Reports

/// A search's run folder contents: results.json (the whole leaderboard), results.md (the tables
/// and observations), and charts of the top functions and their derivatives.
public struct SearchReport: Sendable {
    public let leaderboard: Leaderboard

    public init(leaderboard: Leaderboard) { self.leaderboard = leaderboard }

    /// The file names `write` produces.
    public static let files = ["results.json", "results.md", "top-functions.svg", "top-derivatives.svg"]

    /// Writes every file into `folder` (a run folder's staging), each atomically.
    public func write(to folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try AtomicFile.write(try encoder.encode(leaderboard), to: folder + "/results.json")
        try AtomicFile.write(markdown, to: folder + "/results.md")
        let (values, derivatives) = charts
        try AtomicFile.write(values.svg, to: folder + "/top-functions.svg")
        try AtomicFile.write(derivatives.svg, to: folder + "/top-derivatives.svg")
    }

    /// The five best finals entries that are not baselines, with relu for reference.
    var charted: [String] {
        Array(leaderboard.finals.filter { !$0.roles.contains("baseline") }.prefix(5).map(\.expression)) + ["relu(x)"]
    }

    public var charts: (values: LineChart, derivatives: LineChart) {
        let trees = charted.compactMap { text in (try? ExpressionTree.parse(text)).map { (text, $0) } }
        let values = LineChart(title: "Top searched activations", yLabel: "f(x)",
                               series: trees.map { name, t in ChartSeries(name, sampling: { t.evaluate(at: $0) }, over: -6...6) },
                               yRange: -3...6)
        let derivatives = LineChart(title: "Their derivatives", yLabel: "f'(x)",
                                    series: trees.map { name, t in
                                        let d = t.derivative
                                        return ChartSeries(name, sampling: { d.evaluate(at: $0) }, over: -6...6, dashed: true)
                                    }, yRange: -1.5...2.5)
        return (values, derivatives)
    }

    public var markdown: String {
        let l = leaderboard, c = l.configuration
        func pct(_ v: Double?) -> String { v.map { String(format: "%.2f%%", 100 * $0) } ?? "-" }
        func signed(_ v: Double) -> String { String(format: "%+.2f", 100 * v) }
        var out = "# Activation search\n\n"
        let rejected = l.rejected.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        out += "\(l.enumerated) expressions built, \(l.duplicates) duplicates by fingerprint, rejected: \(rejected.isEmpty ? "none" : rejected); "
        out += "\(l.candidates) distinct candidates ranked on the cheap proxy, \(l.deepStage.count) on the deep proxy "
        out += "(\(c.deepSeeds) seed\(c.deepSeeds == 1 ? "" : "s")), finals with \(c.finalSeeds) paired seeds on the held-out split.\n\n"
        out += "- Cheap proxy: `\(l.cheapProxy)`\n- Deep proxy: `\(l.deepProxy)`\n"
        let times = ["cheap", "deep", "control", "finals", "total"].compactMap { k in l.seconds[k].map { "\(k) \(String(format: "%.0f", $0)) s" } }
        out += "- Time: \(times.joined(separator: ", ")) (budget \(String(format: "%g", c.budgetMinutes)) min)\n"
        if !l.stoppedByBudget.isEmpty { out += "- Stopped early by the budget: \(l.stoppedByBudget.joined(separator: ", "))\n" }
        out += "\n## Finals (test accuracy, \(c.finalSeeds) paired seeds; intervals: percentile bootstrap 95%)\n\n"
        out += MarkdownTable(headers: ["rank", "expression", "known as", "role", "mean", "95% interval", "vs relu", "vs relu 95%", "excludes 0"],
                             rows: l.finals.map { f in
                                 [String(f.rank), "`\(f.expression)`", f.knownAs ?? "", f.roles.joined(separator: ", "), pct(f.mean),
                                  "[\(pct(f.lower)), \(pct(f.upper))]", signed(f.versusRelu.meanDifference),
                                  "[\(signed(f.versusRelu.lower)), \(signed(f.versusRelu.upper))]", f.versusRelu.excludesZero ? "yes" : "no"]
                             }, rightAligned: [0, 4, 6]).text
        out += "\n## Deep stage (mean validation accuracy over \(c.deepSeeds) seeds), top 20\n\n"
        out += rankedTable(Array(l.deepStage.prefix(20)), pct)
        if !l.control.isEmpty {
            out += "\n## Random-search control (same number of deep evaluations), top 5\n\n"
            out += rankedTable(Array(l.control.prefix(5)), pct)
        }
        out += "\n## Tracked expressions\n\n"
        for t in l.tracked {
            out += "- `\(t.expression)`: cheap rank \(t.cheapRank.map(String.init) ?? "-") of \(l.candidates), "
                + "deep rank \(t.deepRank.map(String.init) ?? "-") of \(l.deepStage.count), final rank \(t.finalRank.map(String.init) ?? "-") of \(l.finals.count) (\(t.note))\n"
        }
        out += "\n## Observations\n\n"
        let topFive = l.finals.prefix(5)
        let swishTop = topFive.filter { $0.knownAs.map { $0 == "swish (silu)" || $0.contains("sigmoid(") } ?? false }
        out += "- Swish family (c·x·sigmoid(βx)) among the finals' top five: "
            + (swishTop.isEmpty ? "none" : swishTop.map { "`\($0.expression)` (rank \($0.rank), \($0.roles.joined(separator: ", ")))" }.joined(separator: "; ")) + ".\n"
        let share = l.cheapStage.isEmpty ? 0 : Double(l.cheapStage.filter(\.takesXDirectly).count) / Double(l.cheapStage.count)
        out += "- Of all \(l.cheapStage.count) ranked candidates, \(String(format: "%.0f%%", 100 * share)) have the form b(x, g(x)).\n"
        for n in [5, 10] where l.deepStage.count >= n {
            out += "- \(l.takingXDirectly(top: n)) of the deep stage's top \(n) have the form b(x, g(x)); "
                + "\(l.swishFamily(in: Array(l.deepStage.prefix(n)))) are in the swish family c·x·sigmoid(βx).\n"
        }
        if let best = l.deepStage.first?.deepAccuracy, let control = l.control.first?.deepAccuracy {
            out += "- Best deep validation accuracy: search \(pct(best)), random control \(pct(control)).\n"
        }
        let beat = l.finals.filter { $0.roles.contains("search") && $0.versusRelu.excludesZero && $0.versusRelu.meanDifference > 0 }
        out += "- Search finalists beating relu with an interval excluding zero: \(beat.isEmpty ? "none" : beat.map { "`\($0.expression)`" }.joined(separator: ", ")).\n"
        return out
    }

    private func rankedTable(_ rows: [Leaderboard.Ranked], _ pct: (Double?) -> String) -> String {
        MarkdownTable(headers: ["rank", "expression", "known as", "units", "b(x, g(x))", "cheap rank", "cheap", "deep"],
                      rows: rows.enumerated().map { i, r in
                          [String(i + 1), "`\(r.expression)`", r.knownAs ?? "", r.units, r.takesXDirectly ? "yes" : "no",
                           r.cheapRank.map(String.init) ?? "-", pct(r.cheapAccuracy), pct(r.deepAccuracy)]
                      }, rightAligned: [0, 5, 6, 7]).text
    }
}
