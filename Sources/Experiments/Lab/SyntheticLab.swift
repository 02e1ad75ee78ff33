import Datasets
import Foundation
import Layers

/// Experiment B in the report: a 20-feature binary classifier on `makeClassification` data, the
/// hidden activation varied. Full: the article's settings (1,000 samples, 64 units, 50 epochs).
/// Quick: 20 epochs; the ranking already shows and the seven runs take seconds.
public enum SyntheticLab: LabExperiment {
    public static let id = "synthetic"
    public static let title = "Synthetic classification: seven activations"
    public static let order = 30

    /// The comparison the report runs with `seeds` seeds (0, 1, ...).
    public static func configuration(quick: Bool, seeds: Int = 1) -> SyntheticComparison.Configuration {
        var c = SyntheticComparison.Configuration()
        if quick { c.epochs = 20 }
        c.seeds = (0..<UInt64(max(seeds, 1))).map { $0 }
        return c
    }

    public static func run(_ context: LabContext) throws -> LabSection {
        let c = configuration(quick: context.quick, seeds: context.seeds)
        context.progress("synthetic: \(c.activations.count) activations, \(c.seeds.count) seed\(c.seeds.count == 1 ? "" : "s"), \(c.epochs) epochs")
        let results = try SyntheticComparison(configuration: c).run(cancellation: context.cancellation)
        if context.cancellation?.isCancelled == true { throw ExperimentError("interrupted during \(id)") }
        return section(results)
    }

    /// The section for finished results.
    public static func section(_ results: SyntheticComparison.Results) -> LabSection {
        let c = results.configuration
        let heldOut = testRows(c)
        let f = figures(results)
        let rows = c.activations.compactMap { a -> [String]? in
            guard let acc = f["\(id)/test_accuracy/\(a)"] else { return nil }
            let sd = f["\(id)/test_accuracy_sd/\(a)"].map { String(format: " ± %.4f", $0) } ?? ""
            return [a, String(format: "%.4f", acc) + sd, String(format: "%.4f", f["\(id)/final_val_accuracy/\(a)"] ?? .nan),
                    String(format: "%.1f", f["\(id)/seconds/\(a)"] ?? .nan)]
        }
        let seeds = c.seeds.count
        let table = LabTable(
            caption: "Test accuracy on \(heldOut) held-out rows after \(c.epochs) epochs"
                + (seeds > 1 ? " (mean ± standard deviation over \(seeds) seeds)" : " (one seed)"),
            headers: ["activation", "test accuracy", "final validation accuracy", "seconds"], rows: rows, numericColumns: [1, 2, 3])
        let series = c.activations.map { a -> LabSeries in
            let curve = results.meanValidationAccuracy(a)
            return LabSeries(a, x: curve.indices.map { Double($0 + 1) }, y: curve)
        }
        let chart = LabChart(name: "val-accuracy", title: "Validation accuracy after each epoch", xLabel: "epoch",
                             yLabel: "accuracy", series: series)
        var paragraphs = [
            "\(c.samples) points with \(c.features) features from make_classification, \(Int(c.testFraction * 100))% held out; "
                + "a Dense(\(c.hiddenUnits)) hidden layer with the activation under test and one sigmoid output, Adam, batch \(c.batchSize).",
        ]
        let ranked = c.activations.filter { f["\(id)/test_accuracy/\($0)"] != nil }
            .sorted { f["\(id)/test_accuracy/\($0)"]! > f["\(id)/test_accuracy/\($1)"]! }
        if let best = ranked.first, let worst = ranked.last, ranked.count > 1 {
            paragraphs.append("Best: \(best) (\(String(format: "%.4f", f["\(id)/test_accuracy/\(best)"]!))); worst: \(worst) "
                + "(\(String(format: "%.4f", f["\(id)/test_accuracy/\(worst)"]!))). With \(heldOut) test rows one row is "
                + String(format: "%.4f", 1 / Double(max(heldOut, 1))) + " of accuracy, so small gaps are noise.")
        }
        return LabSection(id: id, title: title, paragraphs: paragraphs, tables: [table], charts: [chart], figures: f)
    }

    /// Held-out rows, counted as the split counts them.
    static func testRows(_ c: SyntheticComparison.Configuration) -> Int {
        (try? TestSize.fraction(c.testFraction).testRows(of: c.samples)) ?? 0
    }

    /// Per activation `synthetic/test_accuracy/<a>` (mean over seeds), `test_accuracy_sd` and `seeds`
    /// (for the advice's noise margin), `final_val_accuracy`, `seconds`; and `synthetic/test_images`.
    public static func figures(_ results: SyntheticComparison.Results) -> [String: Double] {
        let c = results.configuration
        var f = [String: Double]()
        for a in c.activations {
            let runs = results.runs.filter { $0.activation == a }
            guard !runs.isEmpty else { continue }
            let s = Statistics.summary(runs.map(\.testAccuracy))
            f["\(id)/test_accuracy/\(a)"] = s.mean
            f["\(id)/seeds/\(a)"] = Double(s.count)
            if s.count > 1 { f["\(id)/test_accuracy_sd/\(a)"] = s.standardDeviation }
            f["\(id)/final_val_accuracy/\(a)"] = Statistics.summary(runs.map(\.finalValidationAccuracy)).mean
            f["\(id)/seconds/\(a)"] = Statistics.summary(runs.map(\.seconds)).mean
        }
        f["\(id)/test_images"] = Double(testRows(c))
        return f.filter { $0.value.isFinite }
    }
}
