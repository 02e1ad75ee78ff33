import Activations
import Foundation
import Layers

/// Experiment C in the report: cos(x) on [0, 2π] fitted by Dense(2, A) -> Dense(1), each hidden
/// unit a shifted, scaled copy of A, repeated over seeds to count dead relu units. Full: the
/// article's settings (300 epochs, 10 seeds per activation). Quick: 5 seeds, enough to see relu
/// units die while leaky relu's do not.
public enum CurveFitLab: LabExperiment {
    public static let id = "curve-fit"
    public static let title = "Fitting a curve: hidden units as shifted copies of the activation"
    public static let order = 40

    /// The activations whose typical run is drawn unit by unit.
    static let drawn = ["relu", "leaky_relu"]

    public static func configuration(quick: Bool) -> CurveFit.Configuration {
        var c = CurveFit.Configuration()
        if quick { c.seeds = 5 }
        return c
    }

    public static func run(_ context: LabContext) throws -> LabSection {
        let c = configuration(quick: context.quick)
        context.progress("curve-fit: \(c.activations.count) activations, \(c.seeds) seeds, \(c.epochs) epochs")
        let experiment: CurveFit
        do { experiment = try CurveFit(configuration: c) } catch { throw ExperimentError("\(id): \(error)") }
        let results = try experiment.run(cancellation: context.cancellation)
        if context.cancellation?.isCancelled == true || !results.complete { throw ExperimentError("interrupted during \(id)") }
        return section(experiment, results)
    }

    /// The run whose final MSE is the median (the lower middle one for an even count).
    static func typicalRun(_ results: CurveFit.Results, _ activation: String) -> CurveFit.Run? {
        let mine = results.runs.filter { $0.activation == activation }.sorted { $0.finalMSE < $1.finalMSE }
        return mine.isEmpty ? nil : mine[(mine.count - 1) / 2]
    }

    /// The section for finished results of `experiment`.
    public static func section(_ experiment: CurveFit, _ results: CurveFit.Results) -> LabSection {
        let c = results.configuration
        let rows = results.summaries.map { s -> [String] in
            [s.activation, "\(s.runs)", sci(s.medianMSE), sci(s.lowerQuartileMSE), sci(s.upperQuartileMSE),
             s.runsWithDeadUnit.map { "\($0)" } ?? "-", "\(s.runsBelowThreshold)"]
        }
        let table = LabTable(
            caption: "Final mean squared error over \(c.seeds) seeds per activation (quartiles interpolated linearly, as NumPy's percentile)",
            headers: ["activation", "runs", "median MSE", "lower quartile", "upper quartile", "runs with a dead unit", "runs with MSE < \(c.fitThreshold)"],
            rows: rows, numericColumns: [1, 2, 3, 4, 5, 6])
        let grid = (0..<201).map { Double($0) * 2 * Double.pi / 200 }
        var charts = [LabChart]()
        for name in drawn {
            guard let i = c.activations.firstIndex(of: name), let r = typicalRun(results, name) else { continue }
            let curves = CurveFit.curves(of: r, activation: experiment.activations[i], at: grid)
            var series = [LabSeries("target: \(results.targetFormula)", x: results.x, y: results.y, color: "#000000"),
                          LabSeries("fit", x: grid, y: curves.fit)]
            for (j, piece) in curves.units.enumerated() {
                series.append(LabSeries(String(format: "%.1f f(%.1fx%+.1f)", r.outputKernel[j], r.hiddenKernel[j], r.hiddenBias[j]),
                                        x: grid, y: piece, dashed: true))
            }
            charts.append(LabChart(name: "fit-\(name)", title: "\(name), seed \(r.seed): units sum to the fit",
                                   xLabel: "x", yLabel: "y", series: series, width: 540, height: 340))
        }
        var paragraphs = [
            "Dense(\(c.units), A) -> Dense(1) fitted to \(results.targetFormula) at \(c.points) points on [0, 2π], Adam (learning rate "
                + "\(c.learningRate)), batch \(c.batchSize), \(c.epochs) epochs. Each dashed line is one hidden unit's weighted output; "
                + "the fit is their sum plus the output bias. The runs drawn are those with the median final MSE.",
        ]
        let f = figures(results)
        if let relu = f["\(id)/dead_units/relu"], let leaky = f["\(id)/dead_units/leaky_relu"] {
            paragraphs.append("Runs with a dead unit (zero gradient on every point): relu \(Int((relu * Double(c.seeds)).rounded())) of \(c.seeds), "
                + "leaky_relu \(Int((leaky * Double(c.seeds)).rounded())) of \(c.seeds). A dead relu unit outputs zero everywhere and can never recover.")
        }
        return LabSection(id: id, title: title, paragraphs: paragraphs, tables: [table], charts: charts, figures: f)
    }

    /// Per activation: `curve-fit/dead_units/<a>` (fraction of runs with a dead hidden unit; element-wise
    /// activations only), `median_mse` and `fit_fraction` (fraction of runs below the fit threshold).
    public static func figures(_ results: CurveFit.Results) -> [String: Double] {
        var f = [String: Double]()
        for s in results.summaries where s.runs > 0 {
            f["\(id)/median_mse/\(s.activation)"] = s.medianMSE
            f["\(id)/fit_fraction/\(s.activation)"] = Double(s.runsBelowThreshold) / Double(s.runs)
            if let dead = s.runsWithDeadUnit { f["\(id)/dead_units/\(s.activation)"] = Double(dead) / Double(s.runs) }
        }
        return f.filter { $0.value.isFinite }
    }

    private static func sci(_ v: Double) -> String { String(format: "%.3g", v) }
}
