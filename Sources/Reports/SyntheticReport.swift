import Experiments
import Foundation
import Layers

/// Experiment B's results: a table, one chart of validation accuracy per epoch for every activation,
/// and results.json / results.md.
public struct SyntheticReport: Sendable {
    public let results: SyntheticComparison.Results
    public init(results: SyntheticComparison.Results) { self.results = results }

    private var seeds: Int { results.configuration.seeds.count }

    public var table: MarkdownTable {
        let c = results.configuration
        let groups = c.activations.map { a in (a, results.runs.filter { $0.activation == a }) }.filter { !$0.1.isEmpty }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        if seeds == 1 {
            return MarkdownTable(
                headers: ["activation", "final val accuracy", "test accuracy", "test loss", "seconds"],
                rows: groups.map { a, runs in
                    let r = runs[0]
                    return [a, fixed(r.finalValidationAccuracy, 4), fixed(r.testAccuracy, 4), fixed(r.testLoss, 4), fixed(r.seconds, 2)]
                },
                rightAligned: [1, 2, 3, 4])
        }
        return MarkdownTable(
            headers: ["activation", "runs", "final val accuracy", "test accuracy", "std", "95% CI", "test loss", "seconds"],
            rows: groups.map { a, runs in
                let s = Statistics.summary(runs.map(\.testAccuracy))
                return [a, "\(runs.count)", fixed(mean(runs.map(\.finalValidationAccuracy)), 4), fixed(s.mean, 4),
                        s.count > 1 ? fixed(s.standardDeviation, 4) : "-", SeedStatisticsTable.interval(s),
                        fixed(mean(runs.map(\.testLoss)), 4), fixed(mean(runs.map(\.seconds)), 2)]
            },
            rightAligned: [1, 2, 3, 4, 5, 6, 7])
    }

    /// Validation accuracy per epoch, one line per activation (the mean over seeds when there are several).
    public var chart: LineChart {
        let c = results.configuration
        let series = c.activations.compactMap { a -> ChartSeries? in
            let y = results.meanValidationAccuracy(a)
            return y.isEmpty ? nil : ChartSeries(a, x: y.indices.map { Double($0 + 1) }, y: y)
        }
        return LineChart(title: "Validation accuracy per epoch" + (seeds > 1 ? " (mean of \(seeds) seeds)" : ""),
                         xLabel: "epoch", yLabel: "validation accuracy", series: series)
    }

    public var markdown: String {
        let c = results.configuration
        var text = "# Activation comparison on synthetic binary data\n\n"
            + "makeClassification(\(c.samples) x \(c.features), seed \(c.dataSeed)), \(Int(c.testFraction * 100))% test split (seed \(c.splitSeed)); "
            + "Dense(\(c.hiddenUnits), activation) -> Dense(1, sigmoid); Adam (learning rate \(c.learningRate.map { "\($0)" } ?? "0.001")), "
            + "binary cross-entropy, \(c.epochs) epochs, batch \(c.batchSize), validation split \(c.validationSplit); "
            + (seeds == 1 ? "seed \(c.seeds[0]).\n\n" : "seeds \(c.seeds.first!)..\(c.seeds.last!) (\(seeds) runs per activation).\n\n")
            + table.text
        if let s = results.statistics {
            text += "\nTest accuracy over \(seeds) seeds, pairwise: Welch's t-test with Holm's correction over all \(s.verdicts.count) pairs (alpha \(s.alpha)):\n\n"
                + SeedStatisticsTable(s).verdicts
        }
        return text + "\n![Validation accuracy per epoch](validation-accuracy.svg)\n"
    }

    /// Writes results.md, results.json and validation-accuracy.svg (and .png when a converter is
    /// installed) into `directory`; returns the paths written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var written = try chart.write(to: path("validation-accuracy.svg"))
        try AtomicFile.write(try encoder.encode(results), to: path("results.json"))
        try AtomicFile.write(Data(markdown.utf8), to: path("results.md"))
        written += [path("results.json"), path("results.md")]
        return written
    }
}
