import Dispatch
import Foundation
import Layers
import Synchronization

/// Ctrl-C and `kill`: a command that can stop cleanly (compare) asks for a cancellation token and
/// is told through it; it then saves what is finished and exits 130 (SIGINT) or 143 (SIGTERM).
/// Any other command, or a second signal, ends the process at once with the same status.
enum Interruption {
    private static let state = Mutex<(token: CancellationToken?, signal: Int32?)>((nil, nil))
    /// Folders of unfinished output removed when the process ends at once.
    private static let unfinished = Mutex<[String]>([])
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Routes SIGINT and SIGTERM through `handle`; called once by the entry point.
    static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handle(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// A fresh token for the command about to run; from now on a signal cancels it instead of exiting.
    static func cooperativeToken() -> CancellationToken {
        let token = CancellationToken()
        state.withLock { $0.token = token }
        return token
    }

    /// Removes `path` if a signal ends the process before the command does (a staging folder).
    static func removeOnImmediateExit(_ path: String) {
        unfinished.withLock { $0.append(path) }
    }

    /// The signal received, if any.
    static var received: Int32? { state.withLock { $0.signal } }

    /// The exit status a command interrupted by `signal` ends with.
    static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    private static func handle(_ number: Int32) {
        let token: CancellationToken? = state.withLock { s in
            let first = s.signal == nil
            s.signal = s.signal ?? number
            return first ? s.token : nil
        }
        guard let token else {
            for path in unfinished.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
            // _exit, not exit: the main thread is still running and must not see atexit handlers run under it.
            _exit(exitStatus(for: number))
        }
        token.cancel()
        Console.error("\nactlab: stopping after the run in progress; press Ctrl-C again to quit at once")
    }
}
