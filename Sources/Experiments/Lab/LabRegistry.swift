import Foundation

/// The experiments `actlab report` runs: the built-in ones, then those registered, in `order`.
public enum LabRegistry {
    /// The experiments this module defines.
    nonisolated(unsafe) public static let builtIn: [any LabExperiment.Type] = [
        ActivationPlotsLab.self, MNISTMLPLab.self, SyntheticLab.self, CurveFitLab.self, DepthLab.self,
    ]

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var types: [any LabExperiment.Type] = LabRegistry.builtIn
    }
    private static let store = Store()

    /// Every experiment, sorted by `order` (ties keep registration order).
    public static var all: [any LabExperiment.Type] {
        store.lock.lock()
        defer { store.lock.unlock() }
        return store.types.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
    }

    /// Adds `type` to the report; an experiment with the same id is replaced.
    public static func register(_ type: any LabExperiment.Type) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.types.removeAll { $0.id == type.id }
        store.types.append(type)
    }

    /// Removes the experiment with `id` (tests use this to undo a registration).
    public static func unregister(id: String) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.types.removeAll { $0.id == id }
    }

    /// Which experiments run given the opt-in flags passed (e.g. `["--with-cnn"]`), and which are
    /// skipped with the reason, both in report order.
    public static func plan(optIns: Set<String>) -> (run: [any LabExperiment.Type], skipped: [(id: String, title: String, reason: String)]) {
        var run = [any LabExperiment.Type](), skipped = [(id: String, title: String, reason: String)]()
        for type in all {
            if let flag = type.optIn, !optIns.contains(flag) {
                skipped.append((type.id, type.title, "skipped: runs only with \(flag)"))
            } else {
                run.append(type)
            }
        }
        return (run, skipped)
    }
}
