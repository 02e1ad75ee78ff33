import Search
import Synchronization

/// Shows search events as lines: each stage's start and end, and its progress every tenth.
final class SearchProgress: Sendable {
    private let quiet: Bool
    private let failure = Mutex<OutputError?>(nil)
    private let lastShown = Mutex<[String: Int]>([:])

    init(quiet: Bool) { self.quiet = quiet }

    func show(_ event: SearchEvent) {
        guard !quiet else { return }
        let line: String? = switch event {
        case let .candidatesReady(enumerated, rejected, duplicates, kept):
            "\(enumerated) expressions built: \(duplicates) duplicates, "
                + "\(rejected.values.reduce(0, +)) rejected (\(rejected.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", "))), \(kept) candidates"
        case let .stageStarted(stage, n): "== \(stage): \(n) evaluations =="
        case let .evaluated(stage, done, total, _):
            lastShown.withLock { shown -> String? in
                let tenth = done * 10 / max(total, 1)
                guard tenth > shown[stage, default: 0] else { return nil }
                shown[stage] = tenth
                return "  \(stage): \(done)/\(total)"
            }
        case let .stageFinished(stage, n, seconds, stopped):
            "  \(stage): \(n) done in \(String(format: "%.1f", seconds)) s\(stopped ? " (stopped by the budget)" : "")"
        }
        guard let line else { return }
        do { try Console.print(line) } catch let e as OutputError { failure.withLock { if $0 == nil { $0 = e } } } catch {}
    }

    func check() throws {
        if let e = failure.withLock({ $0 }) { throw e }
    }
}
