import Experiments
import Foundation
import Layers
import Tensors
import Reports
import Synchronization

extension Compare {
    /// The seeds of `--seeds N` (`first` ... `first` + N - 1), or nil without it or with N = 1, which
    /// runs once exactly as without the option.
    func repeatSeeds(from first: UInt64) throws -> [UInt64]? {
        guard let seeds else { return nil }
        let n = try OptionValue.whole(seeds, "--seeds", in: 1...OptionLimits.seeds)
        guard n > 1 else { return nil }
        guard first <= UInt64.max - UInt64(n - 1) else {
            throw CommandError("--seed \(first) with --seeds \(n) runs past the largest seed, 18446744073709551615")
        }
        return (0..<UInt64(n)).map { first + $0 }
    }

    /// Experiment B as the options describe it; options that only apply to MNIST are refused.
    func syntheticConfiguration() throws -> SyntheticComparison.Configuration {
        for (given, option) in [(depth != nil, "--depth"), (deepAll, "--deep-all"), (limitTrain != nil, "--limit-train"),
                                (saveModels, "--save-models")] where given {
            throw CommandError("\(option) applies to --task mnist only")
        }
        if let optimizer, optimizer.lowercased() != "adam" {
            throw CommandError("--task synthetic trains with adam (experiment B's optimizer), got --optimizer '\(optimizer)'")
        }
        var c = SyntheticComparison.Configuration()
        if let activations {
            c.activations = try commaList(activations).map { try OptionValue.activation($0, "--activations") }
            guard !c.activations.isEmpty else { throw CommandError("--activations must name at least one activation, got '\(activations)'") }
        }
        if let units { c.hiddenUnits = try OptionValue.whole(units, "--units", in: 1...Int.max) }
        if let epochs { c.epochs = try OptionValue.whole(epochs, "--epochs", in: 1...OptionLimits.epochs) }
        if let batchSize { c.batchSize = try OptionValue.whole(batchSize, "--batch-size", in: 1...Int.max) }
        if let learningRate {
            let value = try OptionValue.positive(learningRate, "--learning-rate")
            do { _ = try Optimizers.validatedLearningRate(value) } catch { throw CommandError("--learning-rate: \(error)") }
            c.learningRate = value
        }
        let seed = try OptionValue.seed(self.seed, "--seed")
        c.seeds = try repeatSeeds(from: seed) ?? [seed]
        return c
    }

    /// `compare --task synthetic`: every (activation, seed) trained, several at once, one line each as it ends.
    func runSynthetic() throws {
        let c = try syntheticConfiguration()
        let experiment = SyntheticComparison(configuration: c)
        do { try experiment.validate() } catch let e as SizeError { throw CommandError("--units \(c.hiddenUnits): \(e)") }
        let folder = try RunFolder(claiming: try outputPath(), replace: force)
        Interruption.removeOnImmediateExit(folder.staging)
        let token = Interruption.cooperativeToken()
        let unread = CancellationToken()
        let progress = ProgressOutput(cancelling: unread)
        let total = c.activations.count * c.seeds.count
        let done = Counter()
        let quiet = self.quiet
        let results = try experiment.run(cancellation: token, stopAfterRun: unread) { run in
            let n = done.increment()
            guard !quiet else { return }
            progress.write("[\(n)/\(total)] \(run.activation), seed \(run.seed): val accuracy \(fixed4(run.finalValidationAccuracy)), "
                + "test accuracy \(fixed4(run.testAccuracy)) (\(String(format: "%.1f", run.seconds)) s)\n")
        }
        guard !results.runs.isEmpty else {
            folder.discard()
            throw CommandError("stopped before any run finished; nothing was written to \(folder.path)")
        }
        let report = SyntheticReport(results: results)
        try report.write(to: folder.staging)
        try folder.commit()
        let what = "results.md, results.json, validation-accuracy.svg\(PNGRenderer.converter == nil ? "" : "/.png")"
        try announce(report.markdown, runs: results.runs.count, in: folder, files: what, progress: progress, token: token)
    }
}

private func fixed4(_ v: Double) -> String { String(format: "%.4f", v) }

/// Runs finished so far, counted from the threads that train them.
private final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
