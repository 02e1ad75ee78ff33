import ArgumentParser
import Foundation
import Reports
import Sweeps

/// `actlab sweep collect DIR`: the finished runs' statistics as a table, JSON and charts, written
/// as one run folder (all files or none).
struct SweepCollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Summarise a sweep's results: per-configuration mean, spread and 95% interval, paired comparisons with the baseline, charts.")

    @Argument(help: "The sweep's output folder (--out of actlab sweep run).") var folder: String
    @Option(help: "Where the summary goes (default DIR/summary, replaced on each collect).") var out: String?

    func run() throws {
        try OptionValue.path(folder, "DIR", naming: "a sweep's output folder")
        if let out { try OptionValue.path(out, "--out", naming: "a folder") }
        let store = try SweepResultStore(folder: folder)
        let collection = try SweepCollector.collect(store)
        guard collection.finished > 0 else {
            throw CommandError("\(store.folder): none of the \(collection.planned) runs has a result yet; nothing to collect")
        }
        let target = out ?? store.folder + "/summary"
        let runFolder = try RunFolder(claiming: target, replace: true, marker: "sweep.json")
        Interruption.removeOnImmediateExit(runFolder.staging)
        let report = SweepReport(collection)
        try report.write(to: runFolder.staging)
        try runFolder.commit()
        try Console.write(report.markdown)
        let files = ["summary.md", "sweep.json"] + report.charts.map(\.name)
        try Console.print("\nwritten to \(runFolder.path)/: \(files.joined(separator: ", "))")
        guard collection.isComplete else {
            throw CommandError("incomplete: \(collection.missing.count) of \(collection.planned) runs have no result; the summary covers the \(collection.finished) finished (actlab sweep status \(store.folder))")
        }
    }
}
