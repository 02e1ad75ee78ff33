import Experiments
import Foundation
import Layers
import Reports

/// A collection as files: `summary.md` (the table, the paired comparisons, what is missing),
/// `sweep.json` (everything, for other programs) and SVG charts of the headline metric.
public struct SweepReport: Sendable {
    public let collection: SweepCollection
    public init(_ collection: SweepCollection) { self.collection = collection }

    /// Groups drawn per chart: beyond the palette's colours lines cannot be told apart.
    public static let maximumSeries = LineChart.palette.count

    /// One row per configuration: the activation, varied parameters, runs, the headline metric's
    /// mean, spread and 95% interval, then the other metrics' means.
    public var table: MarkdownTable {
        let c = collection
        guard let head = c.metrics.first else { return MarkdownTable(headers: ["activation"], rows: []) }
        let others = Array(c.metrics.dropFirst())
        let headers = ["activation"] + c.varied + ["runs", "\(head) mean", "std", "95% CI"] + others.map { "\($0) mean" }
        let rows = c.groups.map { g -> [String] in
            let s = g.summaries[head]
            var row = [g.activation] + c.varied.map { g.parameters[$0] ?? "-" } + ["\(g.seeds.count)"]
            row += [s.map { Self.number($0.mean) } ?? "-", s.map { $0.count > 1 ? Self.number($0.standardDeviation) : "-" } ?? "-",
                    s.map(SeedStatisticsTable.interval) ?? "-"]
            row += others.map { m in g.summaries[m].map { Self.number($0.mean) } ?? "-" }
            return row
        }
        return MarkdownTable(headers: headers, rows: rows, rightAligned: Set((1 + c.varied.count)..<headers.count))
    }

    public var markdown: String {
        let c = collection
        var text = "# Sweep \(c.name): \(c.task)\n\n"
        text += "\(c.finished) of \(c.planned) runs finished"
        text += c.missing.isEmpty ? ".\n\n" : "; missing: \(c.missing.prefix(20).joined(separator: ", "))\(c.missing.count > 20 ? ", ..." : "").\n\n"
        text += table.text
        if !c.comparisons.isEmpty {
            text += "\nPaired with the baseline \(c.baseline) seed by seed (95% interval of the difference; paired t-test, Holm's correction over all \(c.comparisons.count)):\n\n"
            text += c.comparisons.map { "- \($0.verdict)\n" }.joined()
        }
        return text
    }

    /// Per varied numeric parameter, the headline metric's mean against it, one line per other
    /// setting; and the mean validation (else training) curve of each configuration.
    public var charts: [(name: String, chart: LineChart)] {
        let c = collection
        guard let head = c.metrics.first else { return [] }
        var charts = [(name: String, chart: LineChart)]()
        for p in c.varied where c.groups.allSatisfy({ Double($0.parameters[p] ?? "") != nil }) {
            var lines = [String: [(Double, Double)]](), order = [String]()
            for g in c.groups {
                guard let mean = g.summaries[head]?.mean, mean.isFinite, let x = Double(g.parameters[p]!) else { continue }
                let label = ([g.activation] + c.varied.filter { $0 != p }.map { "\($0)=\(g.parameters[$0]!)" }).joined(separator: " ")
                if lines[label] == nil { order.append(label) }
                lines[label, default: []].append((x, mean))
            }
            let series = order.prefix(Self.maximumSeries).map { label in
                let points = lines[label]!.sorted { $0.0 < $1.0 }
                return ChartSeries(label, x: points.map(\.0), y: points.map(\.1))
            }
            guard !series.isEmpty else { continue }
            charts.append(("\(head)-by-\(p).svg", LineChart(title: "\(c.name): mean \(head) by \(p)", xLabel: p, yLabel: head, series: series)))
        }
        if let key = ["val_accuracy", "val_loss", "loss"].first(where: { k in c.groups.contains { ($0.meanHistory[k]?.count ?? 0) > 1 } }) {
            let series = c.groups.prefix(Self.maximumSeries).compactMap { g -> ChartSeries? in
                guard let curve = g.meanHistory[key], curve.count > 1 else { return nil }
                let label = ([g.activation] + c.varied.map { "\($0)=\(g.parameters[$0]!)" }).joined(separator: " ")
                return ChartSeries(label, x: curve.indices.map { Double($0 + 1) }, y: curve)
            }
            charts.append(("history-\(key).svg", LineChart(title: "\(c.name): mean \(key) per epoch", xLabel: "epoch", yLabel: key, series: series)))
        }
        return charts
    }

    /// Writes every file into `folder` (a run folder's staging area).
    public func write(to folder: String) throws {
        try AtomicFile.write(markdown, to: folder + "/summary.md")
        try AtomicFile.write(try SweepResult.encoder.encode(collection) + Data("\n".utf8), to: folder + "/sweep.json")
        for (name, chart) in charts { try AtomicFile.write(chart.svg, to: folder + "/" + name) }
    }

    static func number(_ v: Double) -> String { v.isFinite ? String(format: "%.4f", v) : "\(v)" }
}
