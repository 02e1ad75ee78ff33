import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports
import Tensors

/// `actlab compare`: experiment A, the hidden activation of an MNIST MLP varied, everything else fixed.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the MNIST MLP once per activation and depth; print and save a results table.")

    @Option(help: "What to compare on: mnist (experiment A, the MNIST MLP) or synthetic (experiment B, makeClassification data).")
    var task = "mnist"
    @Option(parsing: .unconditional, help: "Repeat every configuration with seeds --seed ... --seed + N - 1 and report each activation's mean, standard deviation and 95% interval with pairwise verdicts.")
    var seeds: String?
    @Option(help: "Directory of MNIST-format IDX files (gzip or raw); verified against its SHA256SUMS if present.")
    var data: String = DataLocation.defaultMNIST
    @Option(help: "Hidden activations, comma-separated (default: linear,sigmoid,tanh,relu; synthetic: relu,sigmoid,tanh,softmax,linear,elu,swish).")
    var activations: String?
    @Option(parsing: .unconditional, help: "Numbers of hidden layers, comma-separated (default 1,6; mnist only); depths above 1 run only linear and sigmoid unless --deep-all.")
    var depth: String?
    @Flag(help: "Run every activation at every depth.")
    var deepAll = false
    @Option(parsing: .unconditional, help: "Units per hidden layer (default 512; synthetic: 64).") var units: String?
    @Option(parsing: .unconditional, help: "Training epochs (default 5; synthetic: 50).") var epochs: String?
    @Option(parsing: .unconditional, help: "Mini-batch size (default 128; synthetic: 10); a size above the number of samples takes them all.")
    var batchSize: String?
    @Option(help: "Optimizer: rmsprop, adam or sgd (Keras defaults; default rmsprop; synthetic: adam only).") var optimizer: String?
    @Option(parsing: .unconditional, help: "Learning rate (default: the optimizer's Keras default).") var learningRate: String?
    @Option(help: "RMSprop epsilon: outside the square root (Keras 2, the articles) or inside (Keras 3).")
    var rmspropEpsilon = "outside"
    @Option(parsing: .unconditional, help: "Seed for weights and shuffling.") var seed = "0"
    @Option(parsing: .unconditional, help: "Use only the first N training images (quick runs).") var limitTrain: String?
    @Option(help: "Output folder (default runs/<timestamp>); it must be new or empty unless --force.") var out: String?
    @Flag(help: "Replace the output folder if it already holds files.") var force = false
    @Flag(help: "No progress output, only the table.") var quiet = false
    @Flag(help: "Also save each trained model as <activation>-depth<d>.model.json in the output folder.")
    var saveModels = false
    @OptionGroup var training: TrainingFlags

    func validate() throws {
        try OptionValue.path(data, "--data", naming: "a folder")
    }

    func run() throws {
        switch task {
        case "mnist": break
        case "synthetic": return try runSynthetic()
        default: throw CommandError("--task must be mnist or synthetic, got '\(task)'")
        }
        let c = try experimentConfiguration()
        let seedList = try repeatSeeds(from: c.seed)
        let experiment = ActivationComparison(configuration: c)
        do { try experiment.validate() } catch let e as SizeError { throw CommandError("--units \(units ?? "512"): \(e)") }
        let limit = try limitTrain.map { try OptionValue.whole($0, "--limit-train", in: 1...Int.max) }
        // The folder is claimed before the data is read or anything trains, so a bad --out fails at once.
        let folder = try RunFolder(claiming: try outputPath(), replace: force)
        Interruption.removeOnImmediateExit(folder.staging)
        let mnist = try MNIST.load(directory: data, limitTrain: limit)
        let token = Interruption.cooperativeToken()
        // Progress nobody reads stops the comparison after the run in progress, which is still saved;
        // a signal stops that run at its batch.
        let unread = CancellationToken()
        let progress = ProgressOutput(cancelling: unread)
        var callbacks: [any Callback] = [TerminateOnNaN(snapshot: .everyEpoch)]
        if !quiet { callbacks.append(ProgressBar(mode: Console.isTerminal ? .bar : .linePerEpoch, write: progress.write)) }
        let extra = try training.callbacks(trainingInputs: mnist.trainImages)
        callbacks += extra.list
        // With --seeds each seed runs the whole comparison in turn (one MNIST model at a time uses every core).
        var runs = [ActivationComparison.Run]()
        for seed in seedList ?? [c.seed] {
            if token.isCancelled || unread.isCancelled { break }
            var seeded = c
            seeded.seed = seed
            let tag = seedList == nil ? nil : seed
            runs += try ActivationComparison(configuration: seeded).run(
                data: mnist, callbacks: callbacks, cancellation: token, stopAfterRun: unread, onRunStart: { name, d in
                    extra.beginRun(named: "\(fileStem(name))-depth\(d)" + (tag.map { "-seed\($0)" } ?? ""))
                    if !quiet { progress.write("\n== \(name), \(d) hidden layer\(d == 1 ? "" : "s")\(tag.map { ", seed \($0)" } ?? "") ==\n") }
                }, onModelTrained: { run, model in
                    guard saveModels else { return }
                    var run = run
                    run.seed = tag
                    try ModelStore.save(model, to: folder.file("\(ComparisonReport.stem(for: run)).model.json"))
                }).map { var r = $0; r.seed = tag; return r }
        }
        // Results reach the disk before anything else is printed, so a failing standard output loses nothing.
        guard !runs.isEmpty else {
            folder.discard()
            throw CommandError("stopped before any run finished; nothing was written to \(folder.path)")
        }
        let report = ComparisonReport(configuration: c, runs: runs)
        try report.write(to: folder.staging)
        if training.diagnostics {
            for run in runs {
                for (metric, chart) in DiagnosticsCharts.charts(run.history, title: "\(run.activation), depth \(run.depth)") {
                    try AtomicFile.write(chart.svg, to: folder.file("diagnostics/\(ComparisonReport.stem(for: run))-\(metric).svg"))
                }
            }
        }
        try folder.commit()
        let what = "results.md, results.json, per-run history .json/.csv\(saveModels ? ", models .model.json" : "")"
            + (training.diagnostics ? ", diagnostics/*.svg" : "")
        try announce(report.markdown, runs: runs.count, in: folder, files: what, progress: progress, token: token)
    }

    /// Prints a committed run folder's table, or says where the finished runs are when the run was
    /// interrupted or standard output failed (training stops once nobody reads the progress).
    func announce(_ table: String, runs: Int, in folder: RunFolder, files what: String,
                  progress: ProgressOutput, token: CancellationToken) throws {
        let saved = "the \(runs) finished run\(runs == 1 ? " is" : "s are") in \(folder.path)/"
        do {
            try progress.check()
            if token.isCancelled { throw CommandError("interrupted: \(saved) (\(what))") }
            try Console.print("\n" + table)
            try Console.print("Results written to \(folder.path)/ (\(what))")
        } catch let e as OutputError {
            throw CommandError("\(e); \(saved)")
        }
    }

    /// --out, or runs/<timestamp>; an empty --out is a mistake, not the root folder.
    func outputPath() throws -> String {
        guard let out else { return "runs/" + timestamp() }
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError("--out must name a folder, got an empty path")
        }
        return out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
    }

    private func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
