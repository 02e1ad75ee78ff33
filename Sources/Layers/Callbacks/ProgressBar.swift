import Foundation

/// Keras's ProgbarLogger, counting samples as Keras 2 did:
/// `60000/60000 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - accuracy: 0.9200 - loss: 0.2600`.
/// The caller picks the mode (a live bar suits a terminal, a line per epoch suits a log file)
/// and where the text goes.
public final class ProgressBar: Callback {
    public enum Mode: Sendable {
        /// Redraws the bar in place, at most ten times a second, then leaves the epoch's line.
        case bar
        /// Writes only the finished line of each epoch.
        case linePerEpoch
    }

    public let mode: Mode
    private let write: (String) -> Void
    private var parameters = TrainingParameters(epochs: 0, steps: 0, samples: 0, batchSize: 0)
    private let clock = ContinuousClock()
    private var epochStart = ContinuousClock.now
    private var lastDraw = 0.0
    private var stepsDone = 0

    public init(mode: Mode, write: @escaping (String) -> Void) {
        self.mode = mode
        self.write = write
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        self.parameters = parameters
    }

    public func onEpochBegin(_ epoch: Int) throws {
        write("Epoch \(epoch + 1)/\(parameters.epochs)\n")
        epochStart = clock.now
        lastDraw = 0
        stepsDone = 0
    }

    public func onBatchEnd(_ batch: Int, logs: Logs) throws {
        stepsDone = batch + 1
        guard mode == .bar else { return }
        let elapsed = seconds(since: epochStart)
        let samples = min((batch + 1) * parameters.batchSize, parameters.samples)
        guard elapsed - lastDraw >= 0.1 || samples == parameters.samples else { return }
        lastDraw = elapsed
        write("\r" + line(samples: samples, of: parameters.samples, steps: batch + 1, elapsed: elapsed, logs: logs) + "\u{1B}[K")
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        let elapsed = seconds(since: epochStart)
        // An epoch cut short by stopTraining shows the steps it ran.
        let samples = min(stepsDone * parameters.batchSize, parameters.samples)
        let text = line(samples: samples, of: parameters.samples, steps: stepsDone, elapsed: elapsed, logs: logs)
        write(mode == .bar ? "\r" + text + "\u{1B}[K\n" : text + "\n")
    }

    /// One progress line after `steps` batches holding `samples` of the epoch's `total`.
    func line(samples: Int, of total: Int, steps: Int, elapsed: Double, logs: Logs) -> String {
        let width = 20
        let filled = total == 0 ? width : width * samples / total
        let bar = String(repeating: "━", count: filled) + String(repeating: " ", count: width - filled)
        let perStep = steps > 0 ? elapsed / Double(steps) : 0
        let timing = "\(Int(elapsed.rounded()))s \(format(perStep))/step"
        let m = logs.sorted { $0.0 < $1.0 }.map { " - \($0.0): \(Self.format(value: $0.1))" }.joined()
        let counter = String(repeating: " ", count: max(0, String(total).count - String(samples).count)) + "\(samples)/\(total)"
        return "\(counter) \(bar) \(timing)\(m)"
    }

    /// Keras's rule: four decimals, or scientific notation for non-zero magnitudes up to 1e-3.
    static func format(value: Double) -> String {
        abs(value) > 1e-3 || value == 0 ? String(format: "%.4f", value) : String(format: "%.4e", value)
    }

    private func format(_ seconds: Double) -> String {
        seconds >= 1 ? String(format: "%.0fs", seconds) : (seconds >= 0.001 ? String(format: "%.0fms", seconds * 1000) : String(format: "%.0fus", seconds * 1e6))
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
