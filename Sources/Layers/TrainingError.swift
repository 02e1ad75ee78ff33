/// Training that had to stop, with a one-line description for the user.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The loss or the weights went non-finite; epoch and batch count from 1 here, as the
    /// progress lines show them. `layer` is the first layer found at fault, `detail` what went wrong.
    case nonFinite(epoch: Int, batch: Int, layer: String, detail: String)

    public var description: String {
        switch self {
        case let .nonFinite(epoch, batch, layer, detail):
            return "training stopped at epoch \(epoch), batch \(batch): layer '\(layer)' \(detail); the weights were restored to the last finite state"
        }
    }
}
