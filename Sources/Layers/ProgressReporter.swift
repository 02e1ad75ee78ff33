import Foundation

/// How much `fit` prints: Keras's verbose 0, 1 and 2, and `auto` (a live bar on a terminal,
/// one line per epoch otherwise, so logs stay readable).
public enum Verbosity: Sendable {
    case silent, progressBar, oneLinePerEpoch, auto
}

/// Writes Keras-style training progress, counting samples as Keras 2 did:
/// `60000/60000 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - accuracy: 0.92 - loss: 0.26`.
final class ProgressReporter {
    let mode: Verbosity
    let write: (String) -> Void
    private var lastDraw = 0.0

    init(_ verbosity: Verbosity, write: ((String) -> Void)? = nil) {
        if verbosity == .auto {
            mode = isatty(STDOUT_FILENO) == 1 ? .progressBar : .oneLinePerEpoch
        } else {
            mode = verbosity
        }
        self.write = write ?? { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func beginEpoch(_ epoch: Int, of total: Int) {
        guard mode != .silent else { return }
        write("Epoch \(epoch)/\(total)\n")
        lastDraw = 0
    }

    /// Redraws the bar at most ten times a second.
    func update(samples: Int, of total: Int, steps: Int, elapsed: Double, loss: Double, accuracy: Double) {
        guard mode == .progressBar, elapsed - lastDraw >= 0.1 || samples == total else { return }
        lastDraw = elapsed
        write("\r" + line(samples: samples, of: total, steps: steps, elapsed: elapsed,
                          metrics: [("accuracy", accuracy), ("loss", loss)]) + "\u{1B}[K")
    }

    func endEpoch(samples: Int, steps: Int, elapsed: Double, metrics: [(String, Double)]) {
        let text = line(samples: samples, of: samples, steps: steps, elapsed: elapsed, metrics: metrics)
        switch mode {
        case .silent: return
        case .progressBar: write("\r" + text + "\u{1B}[K\n")
        default: write(text + "\n")
        }
    }

    /// One progress line after `steps` batches holding `samples` of the epoch's `total`.
    func line(samples: Int, of total: Int, steps: Int, elapsed: Double, metrics: [(String, Double)]) -> String {
        let width = 20
        let filled = total == 0 ? width : width * samples / total
        let bar = String(repeating: "━", count: filled) + String(repeating: " ", count: width - filled)
        let perStep = steps > 0 ? elapsed / Double(steps) : 0
        let timing = "\(Int(elapsed.rounded()))s \(format(perStep))/step"
        let m = metrics.map { " - \($0.0): \(String(format: "%.4f", $0.1))" }.joined()
        let counter = String(repeating: " ", count: max(0, String(total).count - String(samples).count)) + "\(samples)/\(total)"
        return "\(counter) \(bar) \(timing)\(m)"
    }

    private func format(_ seconds: Double) -> String {
        seconds >= 1 ? String(format: "%.0fs", seconds) : (seconds >= 0.001 ? String(format: "%.0fms", seconds * 1000) : String(format: "%.0fus", seconds * 1e6))
    }
}
