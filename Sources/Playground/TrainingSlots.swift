import Synchronization

/// The bound on trainings running at once across all connections: a connection takes a slot
/// when it starts a job and gives it back when its last job's thread ends.
public final class TrainingSlots: Sendable {
    public let limit: Int
    private let used = Mutex(0)

    public init(limit: Int) {
        precondition(limit > 0, "at least one training slot")
        self.limit = limit
    }

    /// Takes a slot, or returns false when all are in use.
    public func acquire() -> Bool {
        used.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    public func release() { used.withLock { $0 = max(0, $0 - 1) } }

    public var inUse: Int { used.withLock { $0 } }
}
