/// The per-epoch record `fit` returns (Keras `History.history`).
public struct History: Codable, Sendable, Equatable {
    /// One epoch's metrics; validation figures are nil when fit had no validation data.
    public struct Epoch: Codable, Sendable, Equatable {
        public var epoch: Int
        public var loss: Double
        public var accuracy: Double
        public var valLoss: Double?
        public var valAccuracy: Double?
        public var seconds: Double

        public init(epoch: Int, loss: Double, accuracy: Double, valLoss: Double? = nil, valAccuracy: Double? = nil,
                    seconds: Double) {
            self.epoch = epoch
            self.loss = loss
            self.accuracy = accuracy
            self.valLoss = valLoss
            self.valAccuracy = valAccuracy
            self.seconds = seconds
        }

        enum CodingKeys: String, CodingKey {
            case epoch, loss, accuracy, seconds
            case valLoss = "val_loss", valAccuracy = "val_accuracy"
        }
    }

    public var epochs: [Epoch] = []
    public init(epochs: [Epoch] = []) { self.epochs = epochs }

    /// Keras-style access: `history["val_accuracy"]`.
    public subscript(metric: String) -> [Double] {
        switch metric {
        case "loss": return epochs.map(\.loss)
        case "accuracy": return epochs.map(\.accuracy)
        case "val_loss": return epochs.compactMap(\.valLoss)
        case "val_accuracy": return epochs.compactMap(\.valAccuracy)
        case "seconds": return epochs.map(\.seconds)
        default: return []
        }
    }

    /// CSV with a header row, one line per epoch (Keras CSVLogger columns).
    public var csv: String {
        var lines = ["epoch,accuracy,loss,val_accuracy,val_loss,seconds"]
        for e in epochs {
            let va = e.valAccuracy.map { "\($0)" } ?? "", vl = e.valLoss.map { "\($0)" } ?? ""
            lines.append("\(e.epoch),\(e.accuracy),\(e.loss),\(va),\(vl),\(e.seconds)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
