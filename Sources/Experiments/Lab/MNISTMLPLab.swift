import Datasets
import Foundation
import Layers

/// Experiment A in the report: the MNIST MLP with only the hidden activation varied, shallow and
/// deep. Full: the article's settings (60,000 training images, 512 units, 5 epochs). Quick: 8,000
/// training images, 2,000 test images, 256 units and 2 epochs, so that the whole quick report
/// stays within minutes on two busy cores; the lessons (depth without non-linearity adds nothing,
/// activations change the speed of learning) already show.
public enum MNISTMLPLab: LabExperiment {
    public static let id = "mnist-mlp"
    public static let title = "MNIST: the same network, different activations"
    public static let order = 20

    /// The comparison the report runs, for the first seed.
    public static func configuration(quick: Bool) -> ActivationComparison.Configuration {
        var c = ActivationComparison.Configuration()
        if quick {
            c.epochs = 2
            c.hiddenUnits = 256
        }
        return c
    }

    static func trainingImages(quick: Bool) -> Int? { quick ? 8_000 : nil }
    static func testImages(quick: Bool) -> Int? { quick ? 2_000 : nil }

    public static func run(_ context: LabContext) throws -> LabSection {
        let limit = trainingImages(quick: context.quick)
        let mnist = try MNIST.load(directory: try context.dataFolder("mnist"), limitTrain: limit,
                                   limitTest: testImages(quick: context.quick))
        var runs = [ActivationComparison.Run]()
        for s in 0..<max(context.seeds, 1) {
            var c = configuration(quick: context.quick)
            c.seed = UInt64(s)
            let finished = try ActivationComparison(configuration: c).run(
                data: mnist, callbacks: context.callbacks, cancellation: context.cancellation,
                onRunStart: { name, depth in context.progress("mnist-mlp: \(name), \(depth) hidden layer\(depth == 1 ? "" : "s"), seed \(s)") })
            if context.cancellation?.isCancelled == true { throw ExperimentError("interrupted during \(id)") }
            runs += finished
        }
        return section(runs: runs, configuration: configuration(quick: context.quick), trainingImages: mnist.trainImages.rows,
                       testImages: mnist.testImages.rows)
    }

    /// The section for finished runs (several per activation and depth when several seeds ran).
    public static func section(runs: [ActivationComparison.Run], configuration c: ActivationComparison.Configuration,
                               trainingImages: Int, testImages: Int = 10_000) -> LabSection {
        let groups = grouped(runs)
        let seeds = groups.first?.runs.count ?? 0
        func accuracy(_ values: [Double]) -> String {
            let m = mean(values)
            return values.count > 1 ? String(format: "%.4f ± %.4f", m, Statistics.summary(values).standardDeviation) : String(format: "%.4f", m)
        }
        let rows = groups.map { g -> [String] in
            [g.activation, "\(g.depth)", g.runs[0].parameters.formattedWithCommas, accuracy(g.runs.map(\.testAccuracy)),
             accuracy(g.runs.map { $0.history["val_accuracy"].first ?? .nan }),
             String(format: "%.2f", mean(g.runs.map(\.secondsPerEpoch))),
             PublishedResults.mnistMLP(activation: g.activation, depth: g.depth).map { String(format: "%.3f", $0) } ?? "-"]
        }
        let article = c.matchesArticle && trainingImages == 60_000
        let table = LabTable(
            caption: "Test accuracy on \(testImages.formattedWithCommas) test images after \(c.epochs) epoch\(c.epochs == 1 ? "" : "s")"
                + (seeds > 1 ? " (mean ± standard deviation over \(seeds) seeds)" : " (one seed)")
                + "; published: the article's figure after 5 epochs on 60,000 images"
                + (article ? "" : " (this run: \(trainingImages.formattedWithCommas) images, \(c.hiddenUnits) units, \(c.epochs) epochs, so expect lower)"),
            headers: ["activation", "hidden layers", "parameters", "test accuracy", "accuracy after epoch 1", "s/epoch", "published"],
            rows: rows, numericColumns: [1, 2, 3, 4, 5, 6])
        let series = groups.enumerated().map { i, g -> LabSeries in
            let curves = g.runs.map { $0.history["val_accuracy"] }
            let epochs = curves.map(\.count).min() ?? 0
            let averaged = (0..<epochs).map { e in mean(curves.map { $0[e] }) }
            return LabSeries("\(g.activation), \(g.depth) layer\(g.depth == 1 ? "" : "s")", x: (0..<epochs).map { Double($0 + 1) }, y: averaged,
                             dashed: g.depth > 1)
        }
        let chart = LabChart(name: "val-accuracy", title: "Test accuracy after each epoch", xLabel: "epoch",
                             yLabel: "accuracy", series: series)
        var paragraphs = [
            "A 784-\(c.hiddenUnits)-10 network (softmax output) trained with \(c.optimizer), batch \(c.batchSize), on "
                + "\(trainingImages.formattedWithCommas) training images; only the hidden activation and the number of hidden layers change.",
        ]
        var f = figures(runs: runs)
        f["mnist-mlp/test_images"] = Double(testImages)
        if let lin1 = f["mnist-mlp/test_accuracy/linear/depth1"], let lin6 = f["mnist-mlp/test_accuracy/linear/depth6"] {
            paragraphs.append("Without a non-linearity, depth adds nothing: linear with 1 hidden layer scored \(String(format: "%.4f", lin1)), "
                + "with 6 \(String(format: "%.4f", lin6)); six linear layers are still one linear map.")
        }
        if let sig = f["mnist-mlp/test_accuracy/sigmoid/depth1"], let relu = f["mnist-mlp/test_accuracy/relu/depth1"] {
            paragraphs.append("Activations change how fast a network learns: after \(c.epochs) epoch\(c.epochs == 1 ? "" : "s") relu reached "
                + "\(String(format: "%.4f", relu)) and sigmoid \(String(format: "%.4f", sig))"
                + (seeds > 1 ? "." : "; with one seed and \(testImages.formattedWithCommas) test images, differences under "
                    + String(format: "%.3f", AdviceComparison.singleSeedMargin(accuracy: max(sig, relu), testImages: Double(testImages)))
                    + " are within the noise."))
        }
        return LabSection(id: id, title: title, paragraphs: paragraphs, tables: [table], charts: [chart], figures: f)
    }

    /// The figures `actlab advise` reads, from finished runs (also those of an `actlab compare`
    /// results.json): per activation and depth, the mean test accuracy, its standard deviation
    /// when several seeds ran, the accuracy after the first epoch and seconds per epoch.
    public static func figures(runs: [ActivationComparison.Run]) -> [String: Double] {
        var f = [String: Double]()
        for g in grouped(runs) {
            let key = "\(g.activation)/depth\(g.depth)"
            f["mnist-mlp/test_accuracy/\(key)"] = mean(g.runs.map(\.testAccuracy))
            f["mnist-mlp/seeds/\(key)"] = Double(g.runs.count)
            f["mnist-mlp/epochs/\(key)"] = Double(g.runs.map(\.history.epochs).min() ?? 0)
            if g.runs.count > 1 { f["mnist-mlp/test_accuracy_sd/\(key)"] = Statistics.summary(g.runs.map(\.testAccuracy)).standardDeviation }
            let first = g.runs.compactMap { $0.history["val_accuracy"].first }
            if first.count == g.runs.count, !first.isEmpty { f["mnist-mlp/epoch1_val_accuracy/\(key)"] = mean(first) }
            f["mnist-mlp/seconds_per_epoch/\(key)"] = mean(g.runs.map(\.secondsPerEpoch))
        }
        return f.filter { $0.value.isFinite }
    }

    /// The mean of `values` (NaN when empty).
    static func mean(_ values: [Double]) -> Double { Statistics.summary(values).mean }

    /// Runs grouped by activation and depth, in first-seen order.
    static func grouped(_ runs: [ActivationComparison.Run]) -> [(activation: String, depth: Int, runs: [ActivationComparison.Run])] {
        var order = [String](), groups = [String: (String, Int, [ActivationComparison.Run])]()
        for r in runs {
            let key = "\(r.activation)\u{0}\(r.depth)"
            if groups[key] == nil { order.append(key); groups[key] = (r.activation, r.depth, []) }
            groups[key]!.2.append(r)
        }
        return order.map { groups[$0]! }.map { ($0.0, $0.1, $0.2) }
    }
}
