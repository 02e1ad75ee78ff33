import Activations
import Experiments
import Foundation
import Layers

/// Experiment C's results: the per-activation table, `results.json` with every run, and charts
/// of each activation's typical fit drawn as the sum of its hidden units' weighted outputs.
public struct CurveFitReport: Sendable {
    public let experiment: CurveFit
    public let results: CurveFit.Results

    public init(experiment: CurveFit, results: CurveFit.Results) {
        self.experiment = experiment
        self.results = results
    }

    public var table: MarkdownTable {
        let threshold = results.configuration.fitThreshold
        return MarkdownTable(
            headers: ["activation", "runs", "median MSE", "lower quartile", "upper quartile", "runs with a dead unit", "runs with MSE < \(threshold)"],
            rows: results.summaries.map { s in
                [s.activation, "\(s.runs)", scientific(s.medianMSE), scientific(s.lowerQuartileMSE), scientific(s.upperQuartileMSE),
                 s.runsWithDeadUnit.map { "\($0)" } ?? "-", "\(s.runsBelowThreshold)"]
            },
            rightAligned: [1, 2, 3, 4, 5, 6])
    }

    public var markdown: String {
        let c = results.configuration
        var text = "# Curve fit: \(results.targetFormula)\n\n"
            + "\(c.points) points on [0, 2 pi]; Dense(\(c.units), activation) -> Dense(1); Adam(\(c.learningRate)), "
            + "mean squared error, \(c.epochs) epochs, batch \(c.batchSize); seeds \(c.seed) to \(c.seed &+ UInt64(c.seeds - 1)). "
            + "A dead unit passes no gradient on any input (a relu unit that outputs zero everywhere).\n\n"
            + table.text + "\n\nTypical runs (median final MSE): hidden kernel and bias, output kernel and bias.\n\n"
        for s in results.summaries {
            guard let r = typicalRun(s.activation) else { continue }
            text += "- \(s.activation), seed \(r.seed): MSE \(scientific(r.finalMSE)); hidden w \(numbers(r.hiddenKernel)), b \(numbers(r.hiddenBias)); "
                + "output w \(numbers(r.outputKernel)), b \(numbers(r.outputBias))\n"
        }
        if !results.complete { text += "\nInterrupted: \(results.runs.count) runs finished.\n" }
        return text
    }

    /// The run whose final MSE is the median (the lower middle one for an even count).
    public func typicalRun(_ activation: String) -> CurveFit.Run? {
        let mine = results.runs.filter { $0.activation == activation }.sorted { $0.finalMSE < $1.finalMSE }
        return mine.isEmpty ? nil : mine[(mine.count - 1) / 2]
    }

    /// Target against every activation's typical fit.
    public var overviewChart: LineChart {
        var series = [ChartSeries("target: \(results.targetFormula)", x: results.x, y: results.y, color: "#000000")]
        for (name, f) in zip(results.configuration.activations, experiment.activations) {
            guard let r = typicalRun(name) else { continue }
            series.append(ChartSeries(name, x: grid, y: CurveFit.curves(of: r, activation: f, at: grid).fit))
        }
        return LineChart(title: "Fits of \(results.targetFormula), median run per activation", xLabel: "x", yLabel: "y", series: series)
    }

    /// One activation's typical fit and the weighted hidden units it is the sum of.
    public func unitChart(_ name: String) -> LineChart? {
        guard let i = results.configuration.activations.firstIndex(of: name), let r = typicalRun(name) else { return nil }
        let curves = CurveFit.curves(of: r, activation: experiment.activations[i], at: grid)
        var series = [ChartSeries("target", x: results.x, y: results.y, color: "#000000"), ChartSeries("fit", x: grid, y: curves.fit)]
        for (j, piece) in curves.units.enumerated() {
            let w = r.outputKernel[j]
            let label = j < r.hiddenKernel.count && experiment.activations[i].isElementwise
                ? "\(number(w)) f(\(number(r.hiddenKernel[j]))x \(signed(r.hiddenBias[j])))" : "unit \(j + 1) x \(number(w))"
            series.append(ChartSeries(label, x: grid, y: piece, dashed: true))
        }
        return LineChart(title: "f = \(name), seed \(r.seed): fit = sum of units \(signed(r.outputBias[0]))", xLabel: "x", yLabel: "y", series: series)
    }

    /// Every chart as SVG text by file name (`fits.svg`, `fit-relu.svg`, ...), for a report page.
    public var charts: [(name: String, svg: String)] {
        var out = [("fits.svg", overviewChart.svg)]
        var stems = Set<String>()
        for name in results.configuration.activations {
            guard let chart = unitChart(name) else { continue }
            var stem = "fit-" + fileStem(name), k = 1
            while !stems.insert(stem).inserted { k += 1; stem = "fit-\(fileStem(name))-\(k)" }
            out.append((stem + ".svg", chart.svg))
        }
        return out
    }

    /// The numbers advice can quote, keyed `<activation>.<figure>`: `median_mse`,
    /// `dead_unit_run_fraction` (element-wise activations only) and `fit_run_fraction`.
    public var figures: [String: Double] {
        var f = [String: Double]()
        for s in results.summaries {
            f[s.activation + ".median_mse"] = s.medianMSE
            f[s.activation + ".fit_run_fraction"] = Double(s.runsBelowThreshold) / Double(s.runs)
            if let dead = s.runsWithDeadUnit { f[s.activation + ".dead_unit_run_fraction"] = Double(dead) / Double(s.runs) }
        }
        return f
    }

    private var grid: [Double] { (0..<201).map { Double($0) * 2 * Double.pi / 200 } }

    /// Writes `results.md`, `results.json`, `fits.svg` and `fit-<activation>.svg` (PNG too when
    /// a converter is installed) into `directory`; returns the paths written.
    @discardableResult
    public func write(to directory: String, png: Bool = true) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var written = [String]()
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        try AtomicFile.write(try encoder.encode(results), to: path("results.json"))
        try AtomicFile.write(Data(markdown.utf8), to: path("results.md"))
        written += [path("results.json"), path("results.md")]
        for (name, svg) in charts {
            try AtomicFile.write(svg, to: path(name))
            written.append(path(name))
            guard png, let converter = PNGRenderer.converter else { continue }
            let pngPath = path(String(name.dropLast(4)) + ".png")
            try PNGRenderer.render(svgPath: path(name), to: pngPath, converter: converter)
            written.append(pngPath)
        }
        return written
    }

    private func scientific(_ v: Double) -> String { v < 1e-3 || v >= 1e4 ? String(format: "%.2e", v) : String(format: "%.4f", v) }
    private func signed(_ v: Float) -> String { v < 0 ? "- " + number(-v) : "+ " + number(v) }
    private func number(_ v: Float) -> String { String(format: "%.3g", Double(v)) }
    private func numbers(_ v: [Float]) -> String { "[" + v.map(number).joined(separator: ", ") + "]" }
}
