import Foundation
import Layers

/// Submits a sweep's runs to Slurm as one job array: task I runs `actlab sweep run FILE --index I
/// --out DIR` (the same command as on this machine), writing its result into the shared output
/// folder. Commands are started directly, never through a shell, and the batch script quotes
/// every path. Slurm's exit codes are not trusted (a failed task's record expires): the result
/// files say which runs finished (`actlab sweep status DIR`).
public struct SlurmBackend: Sendable {
    /// The actlab executable the tasks run (an absolute path the compute nodes can reach).
    public var executable: String
    public var sweepFile: String
    public var store: SweepResultStore
    public var cpusPerTask: Int
    /// The MNIST folder the tasks read (`--data`), made absolute; nil leaves actlab's default.
    public var dataFolder: String?
    /// Extra `#SBATCH` options (`--partition=debug`, `--time=10`), each checked to be one option.
    public var options: [String]

    public init(executable: String, sweepFile: String, store: SweepResultStore, cpusPerTask: Int = 1,
                dataFolder: String? = nil, options: [String] = []) throws {
        for (what, path) in [("the actlab executable", executable), ("the sweep file", sweepFile), ("the output folder", store.folder), ("the data folder", dataFolder ?? "")] {
            guard !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw SweepError("\(what) path contains a control character, which a batch script cannot hold")
            }
        }
        // Slurm reads #SBATCH lines itself, not through bash, and expands % in --output.
        if store.folder.contains("'") || store.folder.contains("%") {
            throw SweepError("\(store.folder): a Slurm output folder cannot contain ' or %; choose another --out")
        }
        for option in options where !option.hasPrefix("--") || option.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw SweepError("Slurm option '\(option)' must be one --name=value with no spaces")
        }
        guard (1...1_024).contains(cpusPerTask) else { throw SweepError("--cpus-per-task must be from 1 to 1024, got \(cpusPerTask)") }
        self.executable = Self.absolute(executable)
        self.sweepFile = Self.absolute(sweepFile)
        self.store = SweepResultStore(absolute: Self.absolute(store.folder))
        self.cpusPerTask = cpusPerTask
        self.dataFolder = dataFolder.map(Self.absolute)
        self.options = options
    }

    public var logsFolder: String { store.folder + "/logs" }
    public var scriptPath: String { store.folder + "/sweep.sbatch" }

    /// `0-19` or `3,7,10-12`: Slurm's array syntax for these run numbers.
    public static func arraySpec(_ indices: [Int]) -> String {
        let sorted = Array(Set(indices)).sorted()
        var parts = [String](), i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// The batch script for running `indices` of `plan`.
    public func script(_ plan: SweepPlan, indices: [Int]) -> String {
        var lines = [
            "#!/bin/bash",
            "#SBATCH --job-name=\(Self.jobName(plan.name))",
            "#SBATCH --array=\(Self.arraySpec(indices))",
            "#SBATCH --cpus-per-task=\(cpusPerTask)",
            "#SBATCH --output=\(Self.quoted(logsFolder + "/%A_%a.log"))",
        ]
        lines += options.map { "#SBATCH \($0)" }
        lines += [
            "# One run of the sweep per array task; results land in the output folder, one file per run.",
            "exec \(Self.quoted(executable)) sweep run \(Self.quoted(sweepFile)) --index \"$SLURM_ARRAY_TASK_ID\" --out \(Self.quoted(store.folder))"
                + (dataFolder.map { " --data \(Self.quoted($0))" } ?? ""),
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Writes the plan, the folders and the script, then submits; returns the job id.
    public func submit(_ plan: SweepPlan, indices: [Int]) throws -> String {
        guard !indices.isEmpty else { throw SweepError("nothing to submit: every run has a result") }
        try store.write(plan)
        // Slurm fails a task whose --output folder is missing before its script runs.
        do { try FileManager.default.createDirectory(atPath: logsFolder, withIntermediateDirectories: true) } catch {
            throw SweepError("\(logsFolder): cannot create the folder (\(error.localizedDescription))")
        }
        try AtomicFile.write(script(plan, indices: indices), to: scriptPath)
        let out = try Self.command(["sbatch", "--parsable", scriptPath])
        guard let id = out.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw SweepError("sbatch answered '\(out.trimmingCharacters(in: .whitespacesAndNewlines))', not a job id")
        }
        return id
    }

    /// Whether job `id` still has tasks pending or running.
    public static func isQueued(_ id: String) throws -> Bool {
        !(try command(["squeue", "-h", "-j", id, "-o", "%i"])).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Polls `squeue` until job `id` has left the queue, or `timeout` seconds pass (then throws).
    public static func wait(_ id: String, poll: Double = 0.5, timeout: Double = 86_400, cancellation: CancellationToken? = nil) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try isQueued(id) {
            if cancellation?.isCancelled == true { throw SweepCancelled() }
            guard Date() < deadline else { throw SweepError("job \(id) still queued after \(Int(timeout)) s") }
            usleep(useconds_t(poll * 1e6))
        }
    }

    /// Runs a Slurm command found on PATH, without a shell; its output, or its error in one line.
    static func command(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw SweepError("cannot start \(arguments[0]) (\(error.localizedDescription)); is Slurm installed?")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors, as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
            if process.terminationStatus == 127 { throw SweepError("\(arguments[0]) not found on PATH; is Slurm installed?") }
            throw SweepError("\(arguments[0]) failed with status \(process.terminationStatus): \(text)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Single-quoted for bash: a quote inside becomes '\''; nothing else is special there.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Letters, digits, '-', '_' and '.' only: a job name is not quoted in #SBATCH lines.
    static func jobName(_ name: String) -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" }.prefix(64))
        return "actlab-sweep-" + (safe.isEmpty ? "run" : safe)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}

