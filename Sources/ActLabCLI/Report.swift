import ArgumentParser
import Experiments
import Foundation
import Layers
import Reports

/// `actlab report`: every registered experiment, run and written up as one HTML page (plus Markdown and PNG charts).
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every lab experiment and write one report: report.html, report.md, charts/, results.json.")

    @Flag(help: "Subsets of the data and fewer epochs: minutes instead of hours.") var quick = false
    @Flag(help: "Also run the digit-recognizer CNN (experiment D), which takes long.") var withCnn = false
    @Option(parsing: .unconditional, help: "Seeds per configuration; above 1, tables show mean ± standard deviation.")
    var seeds = "1"
    @Option(help: "Directory of MNIST-format IDX files (gzip or raw).") var data: String = DataLocation.defaultMNIST
    @Option(help: "Output folder (default runs/report-<timestamp>); it must be new or empty unless --force.") var out: String?
    @Flag(help: "Replace the output folder if it holds a finished report.") var force = false
    @Flag(help: "No progress output.") var quiet = false
    @Option(help: "Run only these experiments (ids, comma-separated; see the list in the error for a wrong one).")
    var only: String?

    func validate() throws {
        try OptionValue.path(data, "--data", naming: "a folder")
        if let out { try OptionValue.path(out, "--out", naming: "a folder") }
    }

    func run() throws {
        let seedCount = try OptionValue.whole(seeds, "--seeds", in: 1...OptionLimits.seeds)
        if withCnn, !LabRegistry.all.contains(where: { $0.optIn == "--with-cnn" }) {
            throw CommandError("--with-cnn: this build has no CNN experiment registered; the experiments are "
                + LabRegistry.all.map { $0.id }.joined(separator: ", "))
        }
        var plan = LabRegistry.plan(optIns: withCnn ? ["--with-cnn"] : [])
        if let only {
            let wanted = commaList(only), known = LabRegistry.all.map { $0.id }
            guard !wanted.isEmpty else { throw CommandError("--only must name at least one experiment, got '\(only)'") }
            for id in wanted where !known.contains(id) {
                throw CommandError("--only: unknown experiment '\(id)'; the experiments are \(known.joined(separator: ", "))")
            }
            plan.skipped += plan.run.filter { !wanted.contains($0.id) }.map { ($0.id, $0.title, "not selected (--only \(only))") }
            plan.run = plan.run.filter { wanted.contains($0.id) }
        }
        let folder = try RunFolder(claiming: out.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
                                   ?? "runs/report-" + Self.timestamp(), replace: force)
        Interruption.removeOnImmediateExit(folder.staging)
        let token = Interruption.cooperativeToken()
        let progress = ProgressOutput(cancelling: CancellationToken())
        let say: (String) -> Void = { if !quiet { progress.write($0 + "\n") } }
        var callbacks: [any Callback] = [TerminateOnNaN(snapshot: .everyEpoch)]
        if !quiet { callbacks.append(ProgressBar(mode: Console.isTerminal ? .bar : .linePerEpoch, write: progress.write)) }
        let context = LabContext(quick: quick, seeds: seedCount, dataFolders: ["mnist": data], callbacks: callbacks,
                                 cancellation: token, progress: say)
        var sections = [LabSection]()
        let start = Date()
        for experiment in plan.run {
            say("== \(experiment.id): \(experiment.title) ==")
            let began = Date()
            let section: LabSection
            do { section = try experiment.run(context) } catch {
                if token.isCancelled { throw CommandError("interrupted during \(experiment.id); no report was written") }
                throw CommandError("\(experiment.id): \(error)")
            }
            if token.isCancelled { throw CommandError("interrupted during \(experiment.id); no report was written") }
            sections.append(section)
            say(String(format: "%@ done in %.1f s", experiment.id, Date().timeIntervalSince(began)))
        }
        let results = LabResults(quick: quick, seeds: seedCount, sections: sections,
                                 skipped: plan.skipped.map { LabResults.Skipped(id: $0.id, title: $0.title, reason: $0.reason) })
        let report = LabReport(results: results, generated: "Generated " + Self.timestamp(format: "yyyy-MM-dd HH:mm 'UTC'"))
        try report.write(to: folder.staging)
        try folder.commit()
        let done = "Report written to \(folder.path)/ (report.html, report.md, charts/, results.json) in "
            + String(format: "%.0f s", Date().timeIntervalSince(start))
        do {
            try progress.check()
            try Console.print(done)
        } catch let e as OutputError {
            throw CommandError("\(e); the report is in \(folder.path)/")
        }
    }

    static func timestamp(format: String = "yyyyMMdd-HHmmss") -> String {
        let f = DateFormatter()
        f.dateFormat = format
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}
