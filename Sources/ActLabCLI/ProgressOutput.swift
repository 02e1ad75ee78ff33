import Layers
import Synchronization

/// Training progress for standard output. `fit` cannot take a throwing writer, so the first
/// failure is kept for `check` and cancels the token: the run in progress finishes, no other
/// starts, and the runs already finished are still saved.
final class ProgressOutput: Sendable {
    private let token: CancellationToken
    private let failure = Mutex<OutputError?>(nil)

    init(cancelling token: CancellationToken) { self.token = token }

    func write(_ text: String) {
        do { try Console.write(text) } catch let e as OutputError {
            failure.withLock { if $0 == nil { $0 = e } }
            token.cancel()
        } catch {}
    }

    /// Throws the failure a write met, if any.
    func check() throws {
        if let e = failure.withLock({ $0 }) { throw e }
    }
}
