/// What a sweep runner reports as it goes; the command line decides how to show it.
public enum SweepEvent: Sendable {
    /// A run already has a trusted result and is not run again.
    case skipped(index: Int, run: SweepRun)
    /// A run's result file could not be trusted; it runs again.
    case untrusted(index: Int, run: SweepRun)
    case started(index: Int, run: SweepRun, workers: Int)
    case finished(index: Int, result: SweepResult)
    case failed(index: Int, run: SweepRun, message: String)
}

/// How a sweep runner's call ended.
public struct SweepRunSummary: Sendable, Equatable {
    /// Runs that trained and were recorded by this call.
    public var ran = 0
    /// Runs skipped because a trusted result was already there.
    public var skipped = 0
    /// Runs that threw; their reasons are in the events and in `failed/<id>.txt`.
    public var failed = 0
    /// Runs not started or stopped early because of cancellation.
    public var notRun = 0
    public var seconds = 0.0

    public init() {}
}
