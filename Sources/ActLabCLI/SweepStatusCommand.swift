import ArgumentParser
import Reports
import Sweeps

/// `actlab sweep status DIR`: which runs have a trusted result, which failed and which are missing.
/// The result files are the truth (a scheduler's exit codes can be lost); the status is 0 only
/// when every run has finished.
struct SweepStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which runs of a sweep's output folder finished, failed or are missing (exit 0 only when all finished).")

    @Argument(help: "The sweep's output folder (--out of actlab sweep run).") var folder: String

    func run() throws {
        try OptionValue.path(folder, "DIR", naming: "a sweep's output folder")
        let store = try SweepResultStore(folder: folder)
        let plan = try store.readPlan()
        var rows = [[String]](), finished = 0
        for (i, run) in plan.runs.enumerated() {
            let state = store.state(of: run)
            switch state {
            case .finished: finished += 1
            case let .failed(message): rows.append(["\(i)", run.id, "failed", plan.label(run) + ": " + message])
            case .corrupt: rows.append(["\(i)", run.id, "unreadable", plan.label(run)])
            case .missing: rows.append(["\(i)", run.id, "missing", plan.label(run)])
            }
        }
        if !rows.isEmpty { try Console.write(MarkdownTable(headers: ["index", "id", "state", "run"], rows: rows, rightAligned: [0]).text) }
        try Console.print("\(finished) of \(plan.runs.count) runs finished")
        guard finished == plan.runs.count else {
            throw CommandError("\(plan.runs.count - finished) of \(plan.runs.count) runs have no result in \(store.folder)")
        }
    }
}
