import Foundation

/// The tasks sweep files can name: the built-in ones, then those registered.
public enum SweepTasks {
    /// The tasks this module defines.
    public static let builtIn: [any SweepTask.Type] = [
        SyntheticTask.self, CurveFitTask.self, MNISTMLPTask.self, DeepMLPTask.self, DigitsCNNTask.self,
    ]

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var types: [any SweepTask.Type] = SweepTasks.builtIn
    }
    private static let store = Store()

    /// Every task, built-in first, in registration order.
    public static var all: [any SweepTask.Type] {
        store.lock.lock()
        defer { store.lock.unlock() }
        return store.types
    }

    /// The task called `id`, if any.
    public static func named(_ id: String) -> (any SweepTask.Type)? { all.first { $0.id == id } }

    /// Adds `type`; a task with the same id is replaced.
    public static func register(_ type: any SweepTask.Type) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.types.removeAll { $0.id == type.id }
        store.types.append(type)
    }

    /// Removes the task with `id` (tests use this to undo a registration).
    public static func unregister(id: String) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.types.removeAll { $0.id == id }
    }
}
