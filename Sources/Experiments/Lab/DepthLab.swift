import Datasets
import Foundation
import Layers

/// The depth experiment in the report: ten hidden layers per activation on MNIST, each layer's
/// gradient norm recorded, so vanishing gradients show as a slope across the layers. Full: 60,000
/// training images, 128 units, 3 epochs. Quick: the MNIST lab's subset (8,000 training and 2,000
/// test images) and 2 epochs; the gradient profile is set in the first batches, so it already shows.
public enum DepthLab: LabExperiment {
    public static let id = "depth"
    public static let title = "Depth: vanishing gradients layer by layer"
    public static let order = 50

    public static func configuration(quick: Bool) -> DepthExperiment.Configuration {
        var c = DepthExperiment.Configuration()
        if quick { c.epochs = 2 }
        return c
    }

    static func trainingImages(quick: Bool) -> Int? { quick ? 8_000 : nil }
    static func testImages(quick: Bool) -> Int? { quick ? 2_000 : nil }

    public static func run(_ context: LabContext) throws -> LabSection {
        let mnist = try MNIST.load(directory: try context.dataFolder("mnist"), limitTrain: trainingImages(quick: context.quick),
                                   limitTest: testImages(quick: context.quick))
        let c = configuration(quick: context.quick)
        let runs = try DepthExperiment(configuration: c).run(
            data: mnist, callbacks: context.callbacks, cancellation: context.cancellation,
            onRunStart: { context.progress("depth: \($0), \(c.depth) hidden layers") })
        if context.cancellation?.isCancelled == true || runs.count < c.activations.count { throw ExperimentError("interrupted during \(id)") }
        return section(runs: runs, configuration: c, trainingImages: mnist.trainImages.rows, testImages: mnist.testImages.rows)
    }

    /// The section for finished runs.
    public static func section(runs: [DepthExperiment.Run], configuration c: DepthExperiment.Configuration,
                               trainingImages: Int, testImages: Int) -> LabSection {
        let f = figures(runs: runs, testImages: testImages)
        let rows = runs.map { r -> [String] in
            let last = r.gradientNorms.count - 1
            return [r.activation, r.kernelInitializer, String(format: "%.4f", r.testAccuracy),
                    sci(r.gradientNorms.last?.first ?? .nan), sci(last >= 0 ? r.gradientNorms[last][max(r.layers.count - 2, 0)] : .nan),
                    sci(f["\(id)/gradient_ratio/\(r.activation)"] ?? .nan),
                    String(format: "%.2f", f["\(id)/dead_fraction/\(r.activation)"] ?? .nan)]
        }
        let table = LabTable(
            caption: "After \(c.epochs) epoch\(c.epochs == 1 ? "" : "s") on \(trainingImages.formattedWithCommas) images: test accuracy on "
                + "\(testImages.formattedWithCommas), gradient norms of hidden layers 1 and \(c.depth) (mean over the last epoch's batches), "
                + "their ratio, and the mean fraction of dead units per hidden layer",
            headers: ["activation", "initializer", "test accuracy", "‖g‖ layer 1", "‖g‖ layer \(c.depth)", "layer 1 / layer \(c.depth)", "dead fraction"],
            rows: rows, numericColumns: [2, 3, 4, 5, 6])
        let series = runs.compactMap { r -> LabSeries? in
            guard let norms = r.gradientNorms.last else { return nil }
            let hidden = Array(norms.prefix(c.depth))
            return LabSeries(r.activation, x: hidden.indices.map { Double($0 + 1) }, y: hidden.map { $0 > 0 ? Foundation.log10($0) : .nan })
        }
        let chart = LabChart(name: "gradient-norms", title: "Gradient norm per hidden layer, last epoch", xLabel: "hidden layer",
                             yLabel: "log10 gradient norm", series: series)
        var paragraphs = [
            "\(c.depth) hidden Dense(\(c.hiddenUnits)) layers and a softmax output, \(c.optimizer), batch \(c.batchSize); selu with "
                + "lecun_normal weights, the others with glorot_uniform. A ratio far below 1 means the first layers barely learn.",
        ]
        let saturating = ["sigmoid", "tanh"].compactMap { a in f["\(id)/gradient_ratio/\(a)"].map { "\(a) \(sci($0))" } }
        let relu = f["\(id)/gradient_ratio/relu"]
        if !saturating.isEmpty {
            paragraphs.append("Layer-1 / layer-\(c.depth) gradient ratio: " + saturating.joined(separator: ", ")
                + (relu.map { " against relu \(sci($0))" } ?? "") + ".")
        }
        return LabSection(id: id, title: title, paragraphs: paragraphs, tables: [table], charts: [chart], figures: f)
    }

    /// Per activation: `depth/gradient_ratio/<a>` (hidden layer 1's gradient norm over the last hidden
    /// layer's, last epoch), `depth/test_accuracy/<a>`, `depth/dead_fraction/<a>` (mean over hidden
    /// layers); and `depth/layers`, `depth/test_images`.
    public static func figures(runs: [DepthExperiment.Run], testImages: Int) -> [String: Double] {
        var f = [String: Double]()
        for r in runs {
            if !r.gradientNorms.isEmpty { f["\(id)/gradient_ratio/\(r.activation)"] = r.firstToLastHiddenRatio(epoch: r.gradientNorms.count - 1) }
            f["\(id)/test_accuracy/\(r.activation)"] = r.testAccuracy
            let hidden = Array(r.deadFractions.dropLast())
            if !hidden.isEmpty { f["\(id)/dead_fraction/\(r.activation)"] = Statistics.summary(hidden).mean }
            f["\(id)/layers"] = Double(max(r.layers.count - 1, 0))
        }
        f["\(id)/test_images"] = Double(testImages)
        return f.filter { $0.value.isFinite }
    }

    private static func sci(_ v: Double) -> String { String(format: "%.3g", v) }
}
