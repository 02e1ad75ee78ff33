import Foundation
import Synchronization
@testable import Playground

/// Collects a session's events with the time each arrived, for tests to wait on and inspect.
final class SessionRecorder: Sendable {
    private let events = Mutex<[(time: Double, event: TrainingSession.Event)]>([])
    private let start = Date()

    var report: @Sendable (TrainingSession.Event) -> Void {
        { [self] e in
            let t = Date().timeIntervalSince(start)
            events.withLock { $0.append((t, e)) }
        }
    }

    var snapshots: [(time: Double, snapshot: Snapshot)] {
        events.withLock { $0.compactMap { if case .snapshot(let s) = $0.event { ($0.time, s) } else { nil } } }
    }

    var failures: [PlaygroundError] {
        events.withLock { $0.compactMap { if case .failed(let e) = $0.event { e } else { nil } } }
    }

    /// Waits until `condition` holds or `seconds` pass; returns whether it held.
    func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }
}
