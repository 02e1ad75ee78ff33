/// What `fit` returns (Keras `History.history`): every logged value by its Keras key, one per
/// epoch, plus each epoch's wall time.
public struct History: Codable, Sendable, Equatable {
    /// Keras `history.history`: `loss`, `accuracy`, `val_loss`, `learning_rate`, ...
    /// A key that first appears in a later epoch holds fewer values, as in Keras.
    public private(set) var history: [String: [Double]]
    /// Seconds each epoch took, validation included.
    public private(set) var seconds: [Double]

    public init(history: [String: [Double]] = [:], seconds: [Double] = []) {
        self.history = history
        self.seconds = seconds
    }

    /// Epochs recorded.
    public var epochs: Int { seconds.count }

    /// Every key, sorted.
    public var keys: [String] { history.keys.sorted() }

    /// Keras-style access: `history["val_accuracy"]`; empty for a key never logged.
    public subscript(key: String) -> [Double] { history[key] ?? [] }

    /// Records one epoch's logs.
    public mutating func append(_ logs: Logs, seconds: Double) {
        for (key, value) in logs { history[key, default: []].append(value) }
        self.seconds.append(seconds)
    }

    /// CSV as Keras's CSVLogger writes it: `epoch` (from 0) then the sorted keys, an empty cell
    /// where a key has no value for that epoch.
    public var csv: String {
        let keys = self.keys
        var lines = [(["epoch"] + keys).joined(separator: ",")]
        for e in 0..<epochs {
            let cells = keys.map { k in
                let values = history[k]!
                let i = e - (epochs - values.count)
                return i >= 0 ? "\(values[i])" : ""
            }
            lines.append((["\(e)"] + cells).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Keras's History callback: records each epoch's logs, as every callback before it left them,
/// and the epoch's wall time (validation included, as Keras's progress line counts it).
/// `fit` adds one at the end of its callbacks and returns its `history`.
public final class HistoryRecorder: Callback {
    public private(set) var history = History()
    private let clock = ContinuousClock()
    private var epochStart = ContinuousClock.now

    public init() {}

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws { history = History() }

    public func onEpochBegin(_ epoch: Int) throws { epochStart = clock.now }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        let d = clock.now - epochStart
        history.append(logs, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
}
