import Foundation
import Layers
import Synchronization
import Testing
@testable import Sweeps

/// The runner records each run as it ends, skips trusted results on the next call, and runs
/// again what it cannot trust; failures are recorded and the other runs go on.
@Suite(.serialized) struct LocalSweepRunnerTests {
    init() {
        SweepTasks.register(CountingTask.self)
        CountingTask.calls.withLock { $0 = [] }
        CountingTask.failing.withLock { $0 = [] }
    }

    static func plan() throws -> SweepPlan {
        try SweepPlan(SweepFiles.parse(#"{"task": "counting", "activations": ["relu", "tanh"], "seeds": 3, "grid": {"lr": [0.1, 0.2]}}"#))
    }

    @Test func resumeSkipsFinishedAndRerunsUntrusted() throws {
        let dir = try SweepFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SweepResultStore(folder: dir)
        let plan = try Self.plan()
        let events = Mutex<[String]>([])
        let runner = LocalSweepRunner(store: store, workers: 2)
        // A first call that runs a few, as an interrupted sweep would have.
        let first = try runner.run(plan, indices: [0, 5, 11])
        #expect(first.ran == 3)
        #expect(CountingTask.calls.withLock { $0.count } == 3)
        // Damage two: one half-written, one holding another run's result under this id.
        let truncated = store.resultPath(plan.runs[5].id)
        let text = try String(contentsOfFile: truncated, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: truncated, atomically: false, encoding: .utf8)
        try Data(contentsOf: URL(fileURLWithPath: store.resultPath(plan.runs[0].id))).write(to: URL(fileURLWithPath: store.resultPath(plan.runs[11].id)))
        #expect(store.state(of: plan.runs[5]) == .corrupt)
        #expect(store.state(of: plan.runs[11]) == .corrupt)
        CountingTask.calls.withLock { $0 = [] }
        let second = try runner.run(plan) { event in
            if case let .untrusted(i, _) = event { events.withLock { $0.append("untrusted \(i)") } }
            if case let .skipped(i, _) = event { events.withLock { $0.append("skipped \(i)") } }
        }
        #expect(second.skipped == 1)
        #expect(second.ran == 11)
        #expect(Set(CountingTask.calls.withLock { $0 }) == Set(plan.runs.indices.filter { $0 != 0 }.map { plan.runs[$0].id }))
        #expect(Set(events.withLock { $0 }) == ["skipped 0", "untrusted 5", "untrusted 11"])
        #expect(plan.runs.allSatisfy { store.state(of: $0).isFinished })
        // Everything finished: a third call trains nothing.
        CountingTask.calls.withLock { $0 = [] }
        #expect(try runner.run(plan).skipped == 12)
        #expect(CountingTask.calls.withLock { $0.isEmpty })
        #expect(try store.readPlan() == plan)
    }

    @Test func failuresAreRecordedAndRetried() throws {
        let dir = try SweepFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try SweepResultStore(folder: dir)
        let plan = try Self.plan()
        CountingTask.failing.withLock { $0 = [1] }
        let summary = try LocalSweepRunner(store: store).run(plan)
        #expect(summary.failed == 4)
        #expect(summary.ran == 8)
        #expect(store.state(of: plan.runs[1]) == .failed("seed 1 fails on purpose"))
        CountingTask.failing.withLock { $0 = [] }
        CountingTask.calls.withLock { $0 = [] }
        let retry = try LocalSweepRunner(store: store).run(plan)
        #expect(retry.ran == 4 && retry.skipped == 8)
        #expect(store.state(of: plan.runs[1]).isFinished)
        #expect(!FileManager.default.fileExists(atPath: store.failurePath(plan.runs[1].id)))
    }

    /// Library callers (an activation search) can run without a folder and get the results from events.
    @Test func runsWithoutAStore() throws {
        let plan = try Self.plan()
        let results = Mutex<[Int: Double]>([:])
        let summary = try LocalSweepRunner(store: nil).run(plan) { event in
            if case let .finished(i, r) = event { results.withLock { $0[i] = r.measurement.metrics["score"] } }
        }
        #expect(summary.ran == 12)
        // Run 4 is relu, lr 0.2, seed 1.
        #expect(results.withLock { $0 }[4] == 1.0 / 10 + 0.2)
    }

    @Test func cancelledRunsAreNotRecorded() throws {
        let dir = try SweepFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let token = CancellationToken()
        token.cancel()
        let summary = try LocalSweepRunner(store: try SweepResultStore(folder: dir), context: SweepContext(cancellation: token)).run(try Self.plan())
        #expect(summary.notRun == 12 && summary.ran == 0)
    }
}
