/// What `fit` returns (Keras `History`): every logged value by its Keras key, one per epoch,
/// recorded after all callbacks have seen the epoch's logs, plus each epoch's wall time.
public struct History: Codable, Sendable, Equatable {
    /// Keras `history.history`: `loss`, `accuracy`, `val_loss`, `learning_rate`, ...
    /// A key that first appears in a later epoch holds fewer values, as in Keras.
    public private(set) var history: [String: [Double]]
    /// Seconds each epoch took to train (validation excluded).
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
