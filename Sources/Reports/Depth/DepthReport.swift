import Experiments
import Foundation
import Layers

/// The depth experiment's results as a learner reads them: a table, charts of gradient norm per
/// layer (epoch 1 solid, last epoch dashed) and per epoch, and named figures for advice.
public struct DepthReport: Sendable {
    public let configuration: DepthExperiment.Configuration
    public let runs: [DepthExperiment.Run]

    public init(configuration: DepthExperiment.Configuration, runs: [DepthExperiment.Run]) {
        self.configuration = configuration
        self.runs = runs
    }

    public var table: MarkdownTable {
        MarkdownTable(
            headers: ["Activation", "Init", "Test accuracy", "‖g‖ layer 1", "‖g‖ layer \(configuration.depth)",
                      "Layer 1 / layer \(configuration.depth), epoch 1", "... last epoch", "Dead units", "Saturated outputs"],
            rows: runs.map { r in
                let hidden = configuration.depth
                let first = r.gradientNorms.first ?? []
                let saturated = r.saturatedFractions.prefix(hidden).compactMap { $0 }
                return [r.activation, r.kernelInitializer, fixed(r.testAccuracy, 4),
                        Self.scientific(first.first ?? .nan), Self.scientific(first.count > hidden - 1 ? first[hidden - 1] : .nan),
                        Self.scientific(r.firstToLastHiddenRatio(epoch: 0)),
                        Self.scientific(r.firstToLastHiddenRatio(epoch: r.gradientNorms.count - 1)),
                        Self.percent(r.deadFractions.prefix(hidden).reduce(0, +) / Double(hidden)),
                        saturated.isEmpty ? "-" : Self.percent(saturated.reduce(0, +) / Double(saturated.count))]
            },
            rightAligned: Set(2...8))
    }

    public var markdown: String {
        let c = configuration
        return "# Vanishing gradients: \(c.depth) hidden layers of \(c.hiddenUnits) units\n\n"
            + "MNIST, \(c.optimizer), batch \(c.batchSize), \(c.epochs) epoch\(c.epochs == 1 ? "" : "s"), seed \(c.seed). "
            + "‖g‖ is a layer's gradient norm (kernel and bias) averaged over epoch 1's batches; a layer-1 / layer-\(c.depth) "
            + "ratio far below 1 means the first layers barely learn. Dead units have zero slope on every sampled "
            + "training image; saturated outputs lie within 1% of a bound the activation never reaches. Both are "
            + "means over the hidden layers after the last epoch.\n\n" + table.text
    }

    /// Gradient norm (log10) against layer index, one colour per activation: epoch 1 solid, the last epoch dashed.
    public var gradientNormPerLayerChart: LineChart {
        var series: [ChartSeries] = []
        for (i, r) in runs.enumerated() {
            let color = LineChart.palette[i % LineChart.palette.count]
            let epochs = Set([0, r.gradientNorms.count - 1]).sorted()
            for e in epochs where e >= 0 {
                let norms = r.gradientNorms[e]
                series.append(ChartSeries("\(r.activation), epoch \(e + 1)", x: norms.indices.map { Double($0 + 1) },
                                          y: norms.map(Self.log10), dashed: e > 0, color: color))
            }
        }
        return LineChart(title: "Gradient norm per layer (layer \(configuration.depth + 1) is the output)",
                         xLabel: "layer", yLabel: "log10 gradient norm", series: series)
    }

    /// The first hidden layer's gradient norm (log10) over the epochs, one line per activation.
    public var firstLayerGradientChart: LineChart {
        LineChart(title: "Gradient norm of hidden layer 1 per epoch", xLabel: "epoch", yLabel: "log10 gradient norm",
                  series: runs.map { r in
                      ChartSeries(r.activation, x: r.gradientNorms.indices.map { Double($0 + 1) },
                                  y: r.gradientNorms.map { Self.log10($0.first ?? .nan) })
                  })
    }

    /// Figures by name for advice: `<activation>/test_accuracy`, `<activation>/gradient_ratio_epoch1`, `<activation>/dead_fraction`.
    public var figures: [String: Double] {
        var out: [String: Double] = [:]
        for r in runs {
            out[r.activation + "/test_accuracy"] = r.testAccuracy
            out[r.activation + "/gradient_ratio_epoch1"] = r.firstToLastHiddenRatio(epoch: 0)
            out[r.activation + "/dead_fraction"] = r.deadFractions.prefix(configuration.depth).reduce(0, +) / Double(configuration.depth)
        }
        return out
    }

    /// Charts by file name, as SVG.
    public var charts: [(name: String, svg: String)] {
        [("gradient-norm-per-layer.svg", gradientNormPerLayerChart.svg), ("gradient-norm-per-epoch.svg", firstLayerGradientChart.svg)]
    }

    /// Writes results.md, results.json, the charts and `<activation>.json/.csv` histories into `directory`.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // A diverged run's NaN must not lose the whole results file.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        struct Document: Encodable {
            let configuration: DepthExperiment.Configuration
            let runs: [DepthExperiment.Run]
            let figures: [String: Double]
        }
        var written: [String] = []
        func put(_ name: String, _ data: Data) throws {
            let path = (directory as NSString).appendingPathComponent(name)
            try AtomicFile.write(data, to: path)
            written.append(path)
        }
        for r in runs {
            try put(fileStem(r.activation) + ".json", try encoder.encode(r.history))
            try put(fileStem(r.activation) + ".csv", Data(r.history.csv.utf8))
        }
        for (name, svg) in charts { try put(name, Data(svg.utf8)) }
        try put("results.json", try encoder.encode(Document(configuration: configuration, runs: runs, figures: figures)))
        try put("results.md", Data((markdown + "\n![Gradient norm per layer](gradient-norm-per-layer.svg)\n\n"
                                    + "![Gradient norm per epoch](gradient-norm-per-epoch.svg)\n").utf8))
        return written
    }

    static func log10(_ v: Double) -> Double { v > 0 ? Foundation.log10(v) : .nan }
    static func scientific(_ v: Double) -> String { v.isFinite ? String(format: "%.2e", v) : "-" }
    static func percent(_ v: Double) -> String { v.isFinite ? String(format: "%.1f%%", 100 * v) : "-" }
}
