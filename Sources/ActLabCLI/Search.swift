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
    @Option(help: "local (in-process, the fastest here), sweep (as search-proxy sweeps run on this machine, in <out>/sweeps/) or slurm (those sweeps as Slurm job arrays).")
    var backend = "local"
    @Option(help: "With --backend slurm: the actlab executable the array tasks run (default: this one).") var actlab: String?

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
        let configurations = try proxies()
        let mnistFolder = quick ? nil : data
        let (cheap, deep) = (try configurations.cheap.make(mnistFolder: mnistFolder), try configurations.deep.make(mnistFolder: mnistFolder))
        guard ["local", "sweep", "slurm"].contains(backend) else { throw CommandError("--backend must be local, sweep or slurm, got '\(backend)'") }
        guard actlab == nil || backend == "slurm" else { throw CommandError("--actlab goes with --backend slurm") }
        if let actlab { try OptionValue.path(actlab, "--actlab", naming: "an executable") }
        let folder = try RunFolder(claiming: try OutputPath.runFolder(out), replace: force, resumable: true)
        let store = EvaluationStore(folder: folder.file("evaluations"))
        let evaluator: any CandidateEvaluator = backend == "local"
            ? LocalParallelEvaluator(proxies: [cheap, deep], jobs: jobs, store: store)
            : try SweepEvaluator(proxies: [configurations.cheap, configurations.deep], folder: folder.file("sweeps"),
                                 backend: backend == "slurm" ? .slurm(executable: actlab ?? SweepRunCommand.executablePath) : .local(workers: jobs),
                                 store: store, mnistFolder: mnistFolder, cancellation: Interruption.cooperativeToken())
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
    func proxies() throws -> (cheap: ProxyConfiguration, deep: ProxyConfiguration) {
        if quick {
            var cheap = ProxyConfiguration(kind: .cheap, source: .synthetic)
            var deep = ProxyConfiguration(kind: .deep, source: .synthetic)
            cheap.rows = 300
            deep.rows = 300
            (cheap.layers, cheap.units, cheap.epochs) = (2, 8, 3)
            (deep.layers, deep.units, deep.epochs, deep.batchSize) = (3, 8, 2, 32)
            return (cheap, deep)
        }
        let train = try OptionValue.whole(trainRows, "--train-rows", in: 1...60_000)
        let cheapTrain = try OptionValue.whole(cheapTrainRows, "--cheap-train-rows", in: 1...60_000)
        let validation = try OptionValue.whole(validationRows, "--validation-rows", in: 1...60_000)
        guard train + validation <= 60_000 else { throw CommandError("--train-rows + --validation-rows must be at most 60,000, got \(train + validation)") }
        let depth = try OptionValue.whole(deepDepth, "--deep-depth", in: 1...OptionLimits.depth)
        let units = try OptionValue.whole(deepUnits, "--deep-units", in: 1...4096)
        let epochs = try OptionValue.whole(deepEpochs, "--deep-epochs", in: 1...OptionLimits.epochs)
        var cheap = ProxyConfiguration(kind: .cheap, source: .mnist)
        (cheap.trainRows, cheap.validationRows, cheap.trainLimit, cheap.pool) = (train, validation, cheapTrain, 4)
        var deep = ProxyConfiguration(kind: .deep, source: .mnist)
        (deep.trainRows, deep.validationRows, deep.layers, deep.units, deep.epochs) = (train, validation, depth, units, epochs)
        return (cheap, deep)
    }
}
