/// A model that cannot be built or run as asked, naming the layer and what was expected.
public enum LayerError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(layer: String, expected: String, got: [Int])
    case invalidArgument(layer: String, message: String)
    case notCompiled
    case noInputShape
    case emptyModel
    case invalidData(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(layer, expected, got):
            return "layer '\(layer)': expected \(expected), got input shape \(got)"
        case let .invalidArgument(layer, message):
            return "layer '\(layer)': \(message)"
        case .notCompiled:
            return "the model must be compiled (compile(optimizer:loss:)) before fit, evaluate or predict"
        case .noInputShape:
            return "the first layer needs an input shape (e.g. Dense(512, activation: .relu, inputShape: [784]))"
        case .emptyModel:
            return "the model has no layers"
        case let .invalidData(message):
            return message
        }
    }
}
