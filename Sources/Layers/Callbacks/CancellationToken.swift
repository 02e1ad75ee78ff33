import Synchronization

/// Asks a running `fit` to stop from another thread (a signal handler, a web request): training
/// finishes the batch in progress, then returns the history of the epochs it completed.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Requests the stop; safe from any thread, and idempotent.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether `cancel()` has been called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
