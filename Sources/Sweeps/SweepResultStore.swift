import Foundation
import Layers

/// A sweep's output folder: `plan.json` (every run, in order), `runs/<id>.json` (one file per
/// finished run, written atomically) and `failed/<id>.txt` (why a run failed, until it succeeds).
/// A run counts as finished only when its file reads back whole, with the right format and a
/// configuration that hashes to its id; anything else is run again.
public struct SweepResultStore: Sendable {
    public let folder: String

    public init(folder: String) throws {
        guard !folder.isEmpty else { throw SweepError("the output folder path is empty") }
        guard !folder.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw SweepError("the output folder path contains a control character")
        }
        self.folder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    }

    /// A store for a path already checked (the Slurm backend makes checked paths absolute).
    init(absolute folder: String) { self.folder = folder }

    public var planPath: String { folder + "/plan.json" }
    public var runsFolder: String { folder + "/runs" }
    public var failedFolder: String { folder + "/failed" }
    public func resultPath(_ id: String) -> String { runsFolder + "/" + id + ".json" }
    public func failurePath(_ id: String) -> String { failedFolder + "/" + id + ".txt" }

    /// Creates the folders (a job array's tasks write into them, and Slurm fails a task whose log folder is missing).
    public func prepare() throws {
        for f in [folder, runsFolder, failedFolder] {
            do { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) } catch {
                throw SweepError("\(f): cannot create the folder (\(error.localizedDescription))")
            }
        }
    }

    /// Writes the plan unless the folder already holds this very plan: a job array's tasks then
    /// leave it alone instead of racing to rewrite it (on a shared disk their temporary names,
    /// made from process ids, could meet). A changed sweep file replaces the plan; results whose
    /// ids are still planned stay valid.
    public func write(_ plan: SweepPlan) throws {
        try prepare()
        if let data = FileManager.default.contents(atPath: planPath),
           (try? SweepResult.decoder.decode(SweepPlan.self, from: data)) == plan { return }
        try AtomicFile.write(try SweepResult.encoder.encode(plan) + Data("\n".utf8), to: planPath)
    }

    /// The plan written by `sweep run`, or a one-line error when the folder holds none.
    public func readPlan() throws -> SweepPlan {
        guard let data = FileManager.default.contents(atPath: planPath) else {
            throw SweepError("\(folder): no plan.json; is this a sweep's output folder (actlab sweep run FILE --out \(folder))?")
        }
        do { return try SweepResult.decoder.decode(SweepPlan.self, from: data) } catch {
            throw SweepError("\(planPath): unreadable plan (\(error.localizedDescription)); run actlab sweep run again to rewrite it")
        }
    }

    /// The finished result for `run`, or nil when there is none or its file cannot be trusted.
    public func result(for run: SweepRun) -> SweepResult? {
        let id = run.id
        guard let data = FileManager.default.contents(atPath: resultPath(id)),
              let result = try? SweepResult.decoder.decode(SweepResult.self, from: data),
              result.format == SweepResult.format, result.id == id, result.run.id == id, result.run == run else { return nil }
        return result
    }

    /// What is on disk for `run`: finished, failed (with the reason), unreadable, or nothing yet.
    public func state(of run: SweepRun) -> SweepRunState {
        if let r = result(for: run) { return .finished(r) }
        if FileManager.default.fileExists(atPath: resultPath(run.id)) { return .corrupt }
        if let data = FileManager.default.contents(atPath: failurePath(run.id)) {
            return .failed(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return .missing
    }

    /// Records a finished run (atomically) and clears any earlier failure.
    public func record(_ result: SweepResult) throws {
        try AtomicFile.write(try SweepResult.encoder.encode(result) + Data("\n".utf8), to: resultPath(result.id))
        try? FileManager.default.removeItem(atPath: failurePath(result.id))
    }

    /// Records why a run failed, for `sweep status`.
    public func recordFailure(_ run: SweepRun, message: String) throws {
        try AtomicFile.write(message + "\n", to: failurePath(run.id))
    }
}

/// Where a planned run stands.
public enum SweepRunState: Sendable, Equatable {
    case finished(SweepResult)
    case failed(String)
    /// A result file that does not read back as this run's result (half-written by something
    /// else, edited, or from another configuration): run again, not trusted.
    case corrupt
    case missing

    public var isFinished: Bool { if case .finished = self { true } else { false } }
}
