import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports

/// `actlab compare`: experiment A, the hidden activation of an MNIST MLP varied, everything else fixed.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the MNIST MLP once per activation and depth; print and save a results table.")

    @Option(help: "Directory of MNIST-format IDX files (gzip or raw); verified against its SHA256SUMS if present.")
    var data: String = DataLocation.defaultMNIST
    @Option(help: "Hidden activations, comma-separated.")
    var activations = "linear,sigmoid,tanh,relu"
    @Option(help: "Numbers of hidden layers, comma-separated; depths above 1 run only linear and sigmoid unless --deep-all.")
    var depth = "1,6"
    @Flag(help: "Run every activation at every depth.")
    var deepAll = false
    @Option(help: "Units per hidden layer.") var units = 512
    @Option(help: "Training epochs.") var epochs = 5
    @Option(help: "Mini-batch size.") var batchSize = 128
    @Option(help: "Optimizer: rmsprop, adam or sgd (Keras defaults).") var optimizer = "rmsprop"
    @Option(help: "Learning rate (default: the optimizer's Keras default).") var learningRate: Double?
    @Option(help: "RMSprop epsilon: outside the square root (Keras 2, the articles) or inside (Keras 3).")
    var rmspropEpsilon = "outside"
    @Option(help: "Seed for weights and shuffling.") var seed: UInt64 = 0
    @Option(help: "Use only the first N training images (quick runs).") var limitTrain: Int?
    @Option(help: "Output folder (default runs/<timestamp>).") var out: String?
    @Flag(help: "No progress output, only the table.") var quiet = false
    @Flag(help: "Also save each trained model as <activation>-depth<d>.model.json in the output folder.")
    var saveModels = false

    func run() throws {
        var c = ActivationComparison.Configuration()
        c.activations = commaList(activations)
        c.depths = try commaList(depth).map { d in
            guard let v = Int(d) else { throw ValidationError("--depth: '\(d)' is not a whole number") }
            return v
        }
        c.deepActivations = deepAll ? nil : ["linear", "sigmoid"]
        if c.depths.allSatisfy({ $0 > 1 }) || deepAll { c.deepActivations = nil }
        c.hiddenUnits = units
        c.epochs = epochs
        c.batchSize = batchSize
        c.optimizer = optimizer
        c.learningRate = learningRate
        c.seed = seed
        guard let placement = RMSprop.EpsilonPlacement(rawValue: rmspropEpsilon) else {
            throw ValidationError("--rmsprop-epsilon must be 'outside' or 'inside', got '\(rmspropEpsilon)'")
        }
        c.rmspropEpsilon = placement
        if let limitTrain, limitTrain <= 0 { throw ValidationError("--limit-train must be positive, got \(limitTrain)") }
        let experiment = ActivationComparison(configuration: c)
        try experiment.validate()
        let mnist = try MNIST.load(directory: data, limitTrain: limitTrain)
        let folder = out ?? "runs/" + timestamp()
        let progress = quiet ? [] : [ProgressBar(mode: Console.isTerminal ? .bar : .linePerEpoch, write: Console.write)]
        let runs = try experiment.run(data: mnist, callbacks: progress, onRunStart: { name, d in
            if !quiet { Console.print("\n== \(name), \(d) hidden layer\(d == 1 ? "" : "s") ==") }
        }, onModelTrained: { run, model in
            guard saveModels else { return }
            try ModelStore.save(model, to: "\(folder)/\(ComparisonReport.stem(for: run)).model.json")
        })
        let report = ComparisonReport(configuration: c, runs: runs)
        try report.write(to: folder)
        Console.print("\n" + report.markdown)
        Console.print("Results written to \(folder)/ (results.md, results.json, per-run history .json/.csv\(saveModels ? ", models .model.json" : ""))")
    }

    private func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
