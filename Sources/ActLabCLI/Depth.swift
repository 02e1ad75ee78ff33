import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports
import Tensors

/// `actlab depth`: vanishing gradients made visible, one deep MNIST network per activation.
struct Depth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a deep MNIST network per activation and chart each layer's gradient norm (vanishing gradients).")

    @Option(help: "Directory of MNIST-format IDX files (gzip or raw); verified against its SHA256SUMS if present.")
    var data: String = DataLocation.defaultMNIST
    @Option(help: "Hidden activations, comma-separated (selu gets lecun_normal weights, the others glorot_uniform).")
    var activations = "sigmoid,tanh,relu,selu,elu"
    @Option(parsing: .unconditional, help: "Number of hidden layers.") var depth = "10"
    @Option(parsing: .unconditional, help: "Units per hidden layer.") var units = "128"
    @Option(parsing: .unconditional, help: "Training epochs.") var epochs = "3"
    @Option(parsing: .unconditional, help: "Mini-batch size.") var batchSize = "128"
    @Option(help: "Optimizer: rmsprop, adam or sgd (Keras defaults).") var optimizer = "rmsprop"
    @Option(parsing: .unconditional, help: "Seed for weights and shuffling.") var seed = "0"
    @Option(parsing: .unconditional, help: "Use only the first N training images.") var limitTrain = "10000"
    @Option(help: "Output folder (default runs/<timestamp>); it must be new or empty unless --force.") var out: String?
    @Flag(help: "Replace the output folder if it already holds files.") var force = false
    @Flag(help: "No progress output, only the table.") var quiet = false
    @OptionGroup var training: TrainingFlags

    func validate() throws {
        try OptionValue.path(data, "--data", naming: "a folder")
    }

    func experimentConfiguration() throws -> DepthExperiment.Configuration {
        var c = DepthExperiment.Configuration()
        c.activations = try commaList(activations).map { try OptionValue.activation($0, "--activations") }
        guard !c.activations.isEmpty else { throw CommandError("--activations must name at least one activation, got '\(activations)'") }
        c.depth = try OptionValue.whole(depth, "--depth", in: 1...OptionLimits.depth)
        c.hiddenUnits = try OptionValue.whole(units, "--units", in: 1...Int.max)
        c.epochs = try OptionValue.whole(epochs, "--epochs", in: 1...OptionLimits.epochs)
        c.batchSize = try OptionValue.whole(batchSize, "--batch-size", in: 1...Int.max)
        guard Optimizers.ids.contains(optimizer.lowercased()) else {
            throw CommandError("--optimizer must be one of \(Optimizers.ids.joined(separator: ", ")), got '\(optimizer)'")
        }
        c.optimizer = optimizer
        c.seed = try OptionValue.seed(seed, "--seed")
        return c
    }

    func run() throws {
        let c = try experimentConfiguration()
        let experiment = DepthExperiment(configuration: c)
        do { try experiment.validate() } catch let e as SizeError { throw CommandError("--units \(units): \(e)") }
        let limit = try OptionValue.whole(limitTrain, "--limit-train", in: 1...Int.max)
        let folder = try RunFolder(claiming: try OutputPath.runFolder(out), replace: force)
        Interruption.removeOnImmediateExit(folder.staging)
        let mnist = try MNIST.load(directory: data, limitTrain: limit)
        let token = Interruption.cooperativeToken()
        let progress = ProgressOutput(cancelling: token)
        var callbacks: [any Callback] = [TerminateOnNaN(snapshot: .everyEpoch)]
        if !quiet { callbacks.append(ProgressBar(mode: Console.isTerminal ? .bar : .linePerEpoch, write: progress.write)) }
        // The experiment records diagnostics itself; --diagnostics adds only the per-run charts.
        var flags = training
        flags.diagnostics = false
        let extra = try flags.callbacks(trainingInputs: mnist.trainImages)
        callbacks += extra.list
        let runs = try experiment.run(data: mnist, callbacks: callbacks, cancellation: token, onRunStart: { name in
            extra.beginRun(named: fileStem(name))
            if !quiet { progress.write("\n== \(name), \(c.depth) hidden layers ==\n") }
        })
        guard !runs.isEmpty else {
            folder.discard()
            throw CommandError("stopped before any run finished; nothing was written to \(folder.path)")
        }
        let report = DepthReport(configuration: c, runs: runs)
        try report.write(to: folder.staging)
        if training.diagnostics {
            for run in runs {
                for (metric, chart) in DiagnosticsCharts.charts(run.history, title: run.activation) {
                    try AtomicFile.write(chart.svg, to: folder.file("diagnostics/\(fileStem(run.activation))-\(metric).svg"))
                }
            }
        }
        try folder.commit()
        let saved = "the \(runs.count) finished run\(runs.count == 1 ? " is" : "s are") in \(folder.path)/"
        do {
            try progress.check()
            if token.isCancelled { throw CommandError("interrupted: \(saved)") }
            try Console.print("\n" + report.markdown)
            try Console.print("Results written to \(folder.path)/ (results.md, results.json, gradient-norm-per-layer.svg, gradient-norm-per-epoch.svg, per-run history .json/.csv)")
        } catch let e as OutputError {
            throw CommandError("\(e); \(saved)")
        }
    }
}
