import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports
import Search

/// `actlab search`: rediscovering activations the way Ramachandran, Zoph & Le (2017) did, by
/// ranking every expression of a small grammar on a cheap proxy and the best on a deep one.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search expressions b(u1(x), u2(x)) for activations: cheap proxy, deep proxy, then paired finals against relu, silu, gelu and tanh.")

    @Option(help: "Directory of MNIST-format IDX files (not read with --quick).") var data: String = DataLocation.defaultMNIST
    @Option(help: "Output folder (default runs/<timestamp>). An interrupted search rerun with the same --out resumes: finished evaluations are kept.")
    var out: String?
    @Flag(help: "Replace the output folder if it holds a finished search.") var force = false
    @Flag(help: "A tiny search on synthetic data in seconds (for trying the command and for tests).") var quick = false
    @Flag(help: "No progress output, only the summary.") var quiet = false
    @Option(parsing: .unconditional, help: "Distinct candidates to rank on the cheap proxy.") var candidates = "2000"
    @Option(parsing: .unconditional, help: "Fraction of them promoted to the deep proxy.") var deepFraction = "0.04"
    @Option(parsing: .unconditional, help: "Seeds per candidate on the deep proxy.") var deepSeeds = "3"
    @Option(parsing: .unconditional, help: "Deep-stage leaders that reach the finals.") var finalists = "5"
    @Option(parsing: .unconditional, help: "Paired seeds per finalist and baseline in the finals.") var finalSeeds = "10"
    @Option(parsing: .unconditional, help: "Wall-clock budget: the cheap stage stops starting evaluations at 40% of it, the deep stage at 70%.")
    var budgetMinutes = "45"
    @Option(parsing: .unconditional, help: "Evaluations run at once (default: the number of cores).") var jobs: String?
    @Option(parsing: .unconditional, help: "Seed for sampling candidates and for the first training seed.") var seed = "0"
    @Option(parsing: .unconditional, help: "MNIST training images the deep proxy trains on.") var trainRows = "8000"
    @Option(parsing: .unconditional, help: "The first of those that the cheap proxy trains on.") var cheapTrainRows = "4000"
    @Option(parsing: .unconditional, help: "MNIST images after those that rank candidates (validation).") var validationRows = "2000"
    @Option(parsing: .unconditional, help: "Hidden layers of the deep proxy.") var deepDepth = "8"
    @Option(parsing: .unconditional, help: "Units per hidden layer of the deep proxy.") var deepUnits = "64"
    @Option(parsing: .unconditional, help: "Training epochs of the deep proxy.") var deepEpochs = "3"
    @Flag(help: "Skip the random-search control.") var noControl = false

    func validate() throws {
        try OptionValue.path(data, "--data", naming: "a folder")
    }

    func searchConfiguration() throws -> SearchConfiguration {
        var c = SearchConfiguration()
        c.candidates = try OptionValue.whole(candidates, "--candidates", in: 1...1_000_000)
        c.deepFraction = try OptionValue.positive(deepFraction, "--deep-fraction")
        guard c.deepFraction <= 1 else { throw CommandError("--deep-fraction must be at most 1, got \(deepFraction)") }
        c.deepSeeds = try OptionValue.whole(deepSeeds, "--deep-seeds", in: 1...1000)
        c.finalists = try OptionValue.whole(finalists, "--finalists", in: 1...1000)
        c.finalSeeds = try OptionValue.whole(finalSeeds, "--final-seeds", in: 1...1000)
        guard c.finalSeeds >= 2 else { throw CommandError("--final-seeds must be at least 2 (a paired interval needs two seeds), got \(c.finalSeeds)") }
        c.budgetMinutes = try OptionValue.positive(budgetMinutes, "--budget-minutes")
        c.seed = try OptionValue.seed(seed, "--seed")
        c.control = !noControl
        if quick {
            c.candidates = min(c.candidates, 40)
            c.deepFraction = max(c.deepFraction, 0.1)
            c.deepSeeds = min(c.deepSeeds, 2)
            c.finalists = min(c.finalists, 2)
            c.finalSeeds = min(c.finalSeeds, 3)
        }
        try c.validate()
        return c
    }

    func run() throws {
        let c = try searchConfiguration()
        let jobs = try jobs.map { try OptionValue.whole($0, "--jobs", in: 1...256) } ?? ProcessInfo.processInfo.activeProcessorCount
        let (cheap, deep) = try proxies()
        let folder = try RunFolder(claiming: try OutputPath.runFolder(out), replace: force, resumable: true)
        let evaluator = LocalParallelEvaluator(proxies: [cheap, deep], jobs: jobs, store: EvaluationStore(folder: folder.file("evaluations")))
        let pool = CandidatePool(grammar: Grammar(), target: c.candidates, seed: c.seed)
        let progress = SearchProgress(quiet: quiet)
        let leaderboard = try SuccessiveHalving(configuration: c, cheap: cheap, deep: deep, evaluator: evaluator).run(pool, onEvent: progress.show)
        try progress.check()
        let report = SearchReport(leaderboard: leaderboard)
        try report.write(to: folder.staging)
        try folder.commit()
        try Console.print("\n" + report.markdown)
        try Console.print("Results written to \(folder.path)/ (\(SearchReport.files.joined(separator: ", ")), evaluations/)")
    }

    /// The cheap proxy trains on 7x7-pooled images (fewer of them), the deep one on the full 784 pixels.
    func proxies() throws -> (CheapProxy, DeepProxy) {
        if quick {
            let data = try SearchData.synthetic(rows: 300, features: 8)
            var cheap = CheapProxy(data: data)
            cheap.hidden = 2
            cheap.units = 8
            cheap.epochs = 3
            return (cheap, try DeepProxy(data: data, depth: 3, units: 8, epochs: 2, batchSize: 32))
        }
        let train = try OptionValue.whole(trainRows, "--train-rows", in: 1...60_000)
        let cheapTrain = try OptionValue.whole(cheapTrainRows, "--cheap-train-rows", in: 1...60_000)
        let validation = try OptionValue.whole(validationRows, "--validation-rows", in: 1...60_000)
        guard train + validation <= 60_000 else { throw CommandError("--train-rows + --validation-rows must be at most 60,000, got \(train + validation)") }
        let depth = try OptionValue.whole(deepDepth, "--deep-depth", in: 1...OptionLimits.depth)
        let units = try OptionValue.whole(deepUnits, "--deep-units", in: 1...4096)
        let epochs = try OptionValue.whole(deepEpochs, "--deep-epochs", in: 1...OptionLimits.epochs)
        let mnist = try MNIST.load(directory: data, limitTrain: train + validation)
        let full = try SearchData.mnist(mnist, trainRows: train, validationRows: validation)
        return (CheapProxy(data: try full.limitingTraining(to: cheapTrain).pooled(by: 4)), try DeepProxy(data: full, depth: depth, units: units, epochs: epochs))
    }
}
