import ArgumentParser
import Foundation
import Layers
import Sweeps
import Synchronization

/// `actlab sweep run FILE --out DIR`: the runs here (parallel when each is small) or as a Slurm job array.
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep's runs that have no result yet in --out, here or as a Slurm job array.",
        discussion: """
            Each finished run is written to DIR/runs/<id>.json at once, so an interrupted sweep resumes \
            where it stopped. With --backend slurm the missing runs are submitted with sbatch as one job \
            array whose task I runs `actlab sweep run FILE --index I --out DIR`; --dry-run prints the \
            batch script instead, --wait waits for the job and then reports which runs are missing.
            """)

    @Argument(help: "The sweep file (JSON).") var file: String
    @Option(help: "Output folder of the sweep (shared with every task under Slurm).") var out: String
    @Option(parsing: .unconditional, help: "Run only the run with this index (from actlab sweep plan).") var index: String?
    @Option(help: "local (this machine) or slurm (sbatch job array).") var backend = "local"
    @Option(parsing: .unconditional, help: "Most runs at once here (default: the cores).") var workers: String?
    @Option(help: "MNIST folder for the MNIST tasks.") var data: String = DataLocation.defaultMNIST
    @Flag(help: "With --backend slurm: print the batch script, submit nothing.") var dryRun = false
    @Flag(help: "With --backend slurm: wait until the job leaves the queue, then report missing runs.") var wait = false
    @Option(parsing: .unconditional, help: "With --backend slurm: CPUs per array task.") var cpusPerTask = "1"
    @Option(help: "With --backend slurm: the actlab executable the tasks run (default: this one).") var actlab: String?

    func run() throws {
        try OptionValue.path(file, "FILE", naming: "a sweep file")
        try OptionValue.path(out, "--out", naming: "a folder")
        let plan = try SweepPlan(try SweepFile.load(path: file))
        let store = try SweepResultStore(folder: out)
        let indices = try index.map { [try OptionValue.whole($0, "--index", in: 0...Int.max)] }
        if let i = indices?.first {
            _ = try plan.run(at: i)
            // A job-array task must run what was submitted: an edited sweep file could renumber the runs.
            if FileManager.default.fileExists(atPath: store.planPath), let stored = try? store.readPlan(), stored != plan {
                throw CommandError("\(file) no longer matches \(store.planPath) (edited since the sweep started?), so run \(i) may be another run; run the sweep without --index to replace the plan")
            }
        }
        switch backend {
        case "local": try runLocally(plan, store: store, indices: indices)
        case "slurm": try submit(plan, store: store, indices: indices)
        default: throw CommandError("--backend must be local or slurm, got '\(backend)'")
        }
    }

    private func runLocally(_ plan: SweepPlan, store: SweepResultStore, indices: [Int]?) throws {
        guard !dryRun, !wait else { throw CommandError("--dry-run and --wait go with --backend slurm") }
        let workers = try self.workers.map { try OptionValue.whole($0, "--workers", in: 1...1_024) } ?? ProcessInfo.processInfo.activeProcessorCount
        let context = SweepContext(dataFolders: ["mnist": data], cancellation: Interruption.cooperativeToken())
        let total = indices?.count ?? plan.runs.count
        let progress = SweepProgress(plan: plan, total: total)
        let summary = try LocalSweepRunner(store: store, context: context, workers: workers).run(plan, indices: indices, onEvent: progress.show)
        let line = "\(total) run\(total == 1 ? "" : "s"): \(summary.ran) ran, \(summary.skipped) already finished, \(summary.failed) failed"
            + String(format: " in %.1f s", summary.seconds)
        if Interruption.received != nil || summary.notRun > 0 {
            throw CommandError("interrupted: \(line), \(summary.notRun) not run; run the same command again to resume")
        }
        guard summary.failed == 0 else {
            throw CommandError("\(line); see actlab sweep status \(store.folder), then run the same command again to retry them")
        }
        try Console.print("\(line); results in \(store.folder) (actlab sweep collect \(store.folder))")
    }

    private func submit(_ plan: SweepPlan, store: SweepResultStore, indices: [Int]?) throws {
        guard workers == nil else { throw CommandError("--workers goes with --backend local; Slurm runs one run per array task") }
        let cpus = try OptionValue.whole(cpusPerTask, "--cpus-per-task", in: 1...1_024)
        let backend = try SlurmBackend(executable: actlab ?? Self.executablePath, sweepFile: file, store: store, cpusPerTask: cpus,
                                       dataFolder: data)
        let missing = (indices ?? Array(plan.runs.indices)).filter { !store.state(of: plan.runs[$0]).isFinished }
        guard !missing.isEmpty else {
            try Console.print("every run has a result in \(store.folder); nothing to submit (actlab sweep collect \(store.folder))")
            return
        }
        if dryRun {
            try Console.write(backend.script(plan, indices: missing))
            return
        }
        let job = try backend.submit(plan, indices: missing)
        try Console.print("submitted job \(job): \(missing.count) of \(plan.runs.count) runs (array \(SlurmBackend.arraySpec(missing))); logs in \(backend.logsFolder)")
        guard wait else { return }
        try SlurmBackend.wait(job, cancellation: Interruption.cooperativeToken())
        let left = plan.runs.filter { !store.state(of: $0).isFinished }.count
        guard left == 0 else {
            throw CommandError("job \(job) ended with \(left) of \(plan.runs.count) runs missing (actlab sweep status \(store.folder)); run the same command again to resubmit them")
        }
        try Console.print("job \(job) done: all \(plan.runs.count) runs have results (actlab sweep collect \(store.folder))")
    }

    /// This executable's absolute path, for the batch script.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Shows runner events as lines: one per finished or failed run, counted.
final class SweepProgress: Sendable {
    let plan: SweepPlan
    let total: Int
    private let done = Mutex(0)

    init(plan: SweepPlan, total: Int) {
        self.plan = plan
        self.total = total
    }

    func show(_ event: SweepEvent) {
        let line: String
        switch event {
        case .started, .skipped: return
        case let .untrusted(i, run):
            line = "run \(i) \(run.id): its result file is unreadable or not this run's; running it again"
        case let .finished(i, result):
            let n = done.withLock { $0 += 1; return $0 }
            let metrics = result.measurement.metrics.keys.sorted().map { "\($0) " + String(format: "%.4f", result.measurement.metrics[$0]!) }
            line = "[\(n)/\(total)] run \(i) \(result.id) \(plan.label(result.run)): \(metrics.joined(separator: ", "))"
                + String(format: " (%.1f s)", result.seconds)
        case let .failed(i, run, message):
            let n = done.withLock { $0 += 1; return $0 }
            line = "[\(n)/\(total)] run \(i) \(run.id) \(plan.label(run)) FAILED: \(message)"
        }
        try? Console.print(line)
    }
}
