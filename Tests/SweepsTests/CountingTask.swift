import Synchronization
@testable import Sweeps

/// A task for runner tests: instant, deterministic (`score` = seed / 10 + lr), counting its runs,
/// and failing for seeds listed in `failing`. Registered the way any new task is.
enum CountingTask: SweepTask {
    static let id = "counting"
    static let summary = "test task"
    static let models = ["none"]
    static let metrics = ["score", "other"]
    static let parameters = [SweepParameter("lr", .positive(upTo: 1), default: .number(0.5), help: "a number")]
    static let calls = Mutex<[String]>([])
    static let failing = Mutex<Set<UInt64>>([])

    static func isSmall(_ run: SweepRun) -> Bool { true }

    static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        calls.withLock { $0.append(run.id) }
        if failing.withLock({ $0.contains(run.seed) }) { throw SweepError("seed \(run.seed) fails on purpose") }
        return SweepMeasurement(metrics: ["score": Double(run.seed) / 10 + run.number("lr"), "other": 1],
                                history: ["loss": [1, 0.5, Double(run.seed)]])
    }
}
