import ArgumentParser
import Experiments
import Foundation
import Layers
import Reports

/// `actlab fit`: experiment C, a 1-N-1 network fitting a curve once per activation and seed.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a curve with Dense(2, activation) -> Dense(1) per activation and seed; print and save the MSE table and charts.")

    @Option(help: "Curve on [0, 2 pi]: cos (cos(x) + 1, the article's), sin, abs, step, or an expression of x such as 'sin(2*x)'.")
    var target = "cos"
    @Option(help: "Hidden activations, comma-separated.")
    var activations = CurveFit.Configuration().activations.joined(separator: ",")
    @Option(parsing: .unconditional, help: "Runs per activation, seeds --seed, --seed + 1, ...") var seeds = "10"
    @Option(parsing: .unconditional, help: "First seed for weights and shuffling.") var seed = "0"
    @Option(parsing: .unconditional, help: "Training epochs.") var epochs = "300"
    @Option(parsing: .unconditional, help: "Hidden units.") var units = "2"
    @Option(parsing: .unconditional, help: "Evenly spaced points on [0, 2 pi].") var points = "100"
    @Option(parsing: .unconditional, help: "Mini-batch size (Keras's default).") var batchSize = "32"
    @Option(parsing: .unconditional, help: "Adam's learning rate.") var learningRate = "0.04"
    @Option(help: "Output folder (default runs/fit-<timestamp>); it must be new or empty unless --force.") var out: String?
    @Flag(help: "Replace the output folder if it already holds files.") var force = false

    func run() throws {
        let experiment = try makeExperiment()
        let folder = try RunFolder(claiming: try outputPath(), replace: force)
        Interruption.removeOnImmediateExit(folder.staging)
        let results = try experiment.run(cancellation: Interruption.cooperativeToken())
        guard !results.runs.isEmpty else {
            folder.discard()
            throw CommandError("stopped before any run finished; nothing was written to \(folder.path)")
        }
        let report = CurveFitReport(experiment: experiment, results: results)
        try report.write(to: folder.staging)
        try folder.commit()
        let saved = "\(results.runs.count) runs are in \(folder.path)/ (results.md, results.json, fits.svg, fit-<activation>.svg)"
        if !results.complete { throw CommandError("interrupted: \(saved)") }
        try Console.print(report.markdown)
        try Console.print("\(results.runs.count) fits in \(String(format: "%.3f", results.seconds)) s on \(ProcessInfo.processInfo.activeProcessorCount) cores; \(saved)")
    }

    func makeExperiment() throws -> CurveFit {
        var c = CurveFit.Configuration()
        c.target = try OptionValue.activation(target, "--target")
        c.activations = try commaList(activations).map { try OptionValue.activation($0, "--activations") }
        guard !c.activations.isEmpty else { throw CommandError("--activations must name at least one activation, got '\(activations)'") }
        c.seeds = try OptionValue.whole(seeds, "--seeds", in: 1...OptionLimits.fitSeeds)
        c.seed = try OptionValue.seed(seed, "--seed")
        c.epochs = try OptionValue.whole(epochs, "--epochs", in: 1...OptionLimits.epochs)
        c.units = try OptionValue.whole(units, "--units", in: 1...1_000)
        c.points = try OptionValue.whole(points, "--points", in: 1...100_000)
        guard c.points >= 2 else { throw CommandError("--points must be at least 2 (the ends of [0, 2 pi]), got \(c.points)") }
        // As in Keras, a batch larger than the data is the whole data (and counting steps cannot overflow).
        c.batchSize = min(try OptionValue.whole(batchSize, "--batch-size", in: 1...Int.max), c.points)
        let rate = try OptionValue.positive(learningRate, "--learning-rate")
        guard Float(rate).isFinite, Float(rate) > 0 else { throw CommandError("--learning-rate must be a positive finite number in Float's range, got '\(learningRate)'") }
        c.learningRate = Float(rate)
        // Whole seeds x activations x epochs: a typo like --epochs 100000 --seeds 10000 would run for days.
        let (steps, overflow) = c.seeds.multipliedReportingOverflow(by: c.activations.count * c.epochs * ((c.points + c.batchSize - 1) / c.batchSize))
        guard !overflow, steps <= OptionLimits.fitSteps else {
            throw CommandError("--seeds \(c.seeds) x \(c.activations.count) activations x --epochs \(c.epochs) is more than \(OptionLimits.fitSteps.formattedWithCommas) training steps; ask for fewer")
        }
        do { return try CurveFit(configuration: c) } catch let e as CurveFitError { throw CommandError("\(e)") }
    }

    private func outputPath() throws -> String {
        guard let out else {
            let f = DateFormatter()
            f.dateFormat = "yyyyMMdd-HHmmss"
            f.locale = Locale(identifier: "en_US_POSIX")
            return "runs/fit-" + f.string(from: Date())
        }
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandError("--out must name a folder, got an empty path") }
        return out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
    }
}
