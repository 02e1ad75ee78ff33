import Experiments
import Foundation
import Layers

/// Experiment A's results as a Markdown table, a JSON document and per-run history files.
public struct ComparisonReport: Sendable {
    public let configuration: ActivationComparison.Configuration
    public let runs: [ActivationComparison.Run]

    public init(configuration: ActivationComparison.Configuration, runs: [ActivationComparison.Run]) {
        self.configuration = configuration
        self.runs = runs
    }

    public var table: MarkdownTable {
        let table = MarkdownTable(
            headers: ["activation", "depth", "parameters", "test accuracy", "test loss", "s/epoch", "published accuracy"],
            rows: runs.map { r in
                [r.activation, "\(r.depth)", r.parameters.formattedWithCommas, fixed(r.testAccuracy, 4), fixed(r.testLoss, 4),
                 fixed(r.secondsPerEpoch, 2), r.publishedAccuracy.map { fixed($0, 3) } ?? "-"]
            },
            rightAligned: [1, 2, 3, 4, 5, 6])
        guard repeated else { return table }
        return MarkdownTable(headers: ["seed"] + table.headers, rows: zip(runs, table.rows).map { ["\($0.seed ?? 0)"] + $1 },
                             rightAligned: Set([0] + table.rightAligned.map { $0 + 1 }))
    }

    /// Whether the runs repeat each configuration over several seeds (`--seeds`).
    private var repeated: Bool { runs.contains { $0.seed != nil } }

    /// Test accuracy over the seeds, one entry per depth, when the runs were repeated; empty otherwise.
    public var seedStatistics: [SeedStatistics] {
        guard repeated else { return [] }
        return configuration.depths.compactMap { d in
            let groups = configuration.activations.map { a in
                (name: a, values: runs.filter { $0.activation == a && $0.depth == d }.map(\.testAccuracy))
            }.filter { !$0.values.isEmpty }
            return groups.isEmpty ? nil : SeedStatistics(title: "test accuracy at depth \(d)", groups: groups)
        }
    }

    public var markdown: String {
        let c = configuration
        return "# Activation comparison on MNIST\n\n"
            + "\(c.hiddenUnits)-unit hidden layers, \(c.optimizer) (learning rate \(c.learningRate.map { "\($0)" } ?? "default")"
            + (c.optimizer == "rmsprop" ? ", epsilon \(c.rmspropEpsilon.rawValue) the square root" : "") + "), "
            + "batch \(c.batchSize), \(c.epochs) epochs, seed \(c.seed); accuracy on the 10,000-image test set.\n\n"
            + table.text + learnedText
            + seedStatistics.map { "\n## Over seeds: \($0.title)\n\n" + SeedStatisticsTable($0).markdown }.joined()
    }

    /// What the learnable activations learned: shared tensors in full, per-channel ones as mean and range.
    public var learnedText: String {
        let rows = runs.flatMap { r in
            (r.learnedParameters ?? []).map { t in
                [r.activation, "\(r.depth)", t.name,
                 t.values.count <= 10 ? t.values.map { fixed($0, 4) }.joined(separator: " ") : fixed(t.mean, 4),
                 t.values.count <= 10 ? "-" : "\(fixed(t.min, 4)) .. \(fixed(t.max, 4))"]
            }
        }
        guard !rows.isEmpty else { return "" }
        return "\nLearned activation parameters (per-channel ones: mean and range over the channels):\n\n"
            + MarkdownTable(headers: ["activation", "depth", "tensor", "value (mean)", "range"], rows: rows, rightAligned: [1]).text
    }

    /// The file-name stem of a run's files: `relu-depth1` (`relu-depth1-seed3` when repeated over
    /// seeds), an expression reduced to letters and digits.
    public static func stem(for run: ActivationComparison.Run) -> String {
        "\(fileStem(run.activation))-depth\(run.depth)" + (run.seed.map { "-seed\($0)" } ?? "")
    }

    /// Writes `results.md`, `results.json` and `<activation>-depth<d>.json/.csv` histories into `directory`.
    /// Returns the paths written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Document: Encodable {
            let configuration: ActivationComparison.Configuration
            let runs: [ActivationComparison.Run]
            let statistics: [SeedStatistics]?
        }
        var written = [String]()
        func put(_ name: String, _ data: Data) throws {
            let path = (directory as NSString).appendingPathComponent(name)
            try AtomicFile.write(data, to: path)
            written.append(path)
        }
        for r in runs {
            let stem = Self.stem(for: r)
            try put(stem + ".json", try encoder.encode(r.history))
            try put(stem + ".csv", Data(r.history.csv.utf8))
        }
        try put("results.json", try encoder.encode(Document(configuration: configuration, runs: runs,
                                                               statistics: repeated ? seedStatistics : nil)))
        try put("results.md", Data(markdown.utf8))
        return written
    }
}

func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
