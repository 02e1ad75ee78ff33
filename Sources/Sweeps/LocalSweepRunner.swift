import Dispatch
import Foundation
import Layers
import Synchronization
import Tensors

/// Runs a plan's runs on this machine: small ones one per core side by side, large ones one at a
/// time (each then splits its kernels over the cores). With a store, finished runs are skipped
/// and each result is written as it ends, so an interrupted sweep resumes where it stopped; a
/// failing run is recorded and the others go on.
public struct LocalSweepRunner: Sendable {
    public let store: SweepResultStore?
    public let context: SweepContext
    /// The most runs at once (default: the cores).
    public let workers: Int

    public init(store: SweepResultStore?, context: SweepContext = SweepContext(), workers: Int = Parallel.coreCount) {
        self.store = store
        self.context = context
        self.workers = max(1, workers)
    }

    /// Runs `indices` of `plan` (all when nil) and returns what happened; `onEvent` is called
    /// from the threads that train. Results are in the store and in `onEvent`'s `.finished`.
    @discardableResult
    public func run(_ plan: SweepPlan, indices: [Int]? = nil, onEvent: @escaping @Sendable (SweepEvent) -> Void = { _ in }) throws -> SweepRunSummary {
        let wanted = indices ?? Array(plan.runs.indices)
        for i in wanted { _ = try plan.run(at: i) }
        guard let task = SweepTasks.named(plan.task) else { throw SweepError("unknown task '\(plan.task)' in the plan") }
        if let store { try store.write(plan) }
        var summary = SweepRunSummary()
        var pending = [Int]()
        for i in wanted {
            let run = plan.runs[i]
            switch store?.state(of: run) {
            case .finished?: summary.skipped += 1; onEvent(.skipped(index: i, run: run))
            case .corrupt?: onEvent(.untrusted(index: i, run: run)); pending.append(i)
            default: pending.append(i)
            }
        }
        let start = ContinuousClock.now
        let small = pending.filter { task.isSmall(plan.runs[$0]) }
        let large = pending.filter { !task.isSmall(plan.runs[$0]) }
        let counts = Mutex(SweepRunSummary())
        for group in [large, small] where !group.isEmpty {
            let n = group == small ? min(workers, group.count) : 1
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: n) { _ in
                while true {
                    let k = next.add(1, ordering: .relaxed).oldValue
                    guard k < group.count else { return }
                    let outcome = runOne(plan, index: group[k], task: task, workers: n, onEvent: onEvent)
                    counts.withLock { c in
                        switch outcome {
                        case .ran: c.ran += 1
                        case .failed: c.failed += 1
                        case .notRun: c.notRun += 1
                        }
                    }
                }
            }
        }
        let c = counts.withLock { $0 }
        summary.ran = c.ran
        summary.failed = c.failed
        summary.notRun = c.notRun
        let elapsed = ContinuousClock.now - start
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return summary
    }

    private enum Outcome { case ran, failed, notRun }

    private func runOne(_ plan: SweepPlan, index: Int, task: any SweepTask.Type, workers: Int,
                        onEvent: @Sendable (SweepEvent) -> Void) -> Outcome {
        let run = plan.runs[index]
        if context.cancellation?.isCancelled == true { return .notRun }
        onEvent(.started(index: index, run: run, workers: workers))
        let start = ContinuousClock.now
        do {
            let measurement = try task.run(run, context: context)
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let result = SweepResult(run: run, measurement: measurement, seconds: seconds)
            try store?.record(result)
            onEvent(.finished(index: index, result: result))
            return .ran
        } catch {
            if context.cancellation?.isCancelled == true { return .notRun }
            let message = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            try? store?.recordFailure(run, message: message)
            onEvent(.failed(index: index, run: run, message: message))
            return .failed
        }
    }
}
