import Tensors

/// Log-sigmoid: f(x) = log(1 / (1 + e^-x)) = -softplus(-x), f'(x) = 1 - sigmoid(x) = 1 - e^f(x).
public struct LogSigmoid: ElementwiseActivation, RegisteredActivation {
    public static let id = "log_sigmoid"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { -VectorMath.softplus(-x) }
    // From x rather than y: 1 - e^y loses everything once y is close to 0.
    @inlinable public func derivative(x: Float, y: Float) -> Float { VectorMath.sigmoid(-x) }
    public func value(_ x: Double) -> Double { -DoubleForms.softplus(-x) }
    public func derivative(_ x: Double) -> Double { DoubleForms.sigmoid(-x) }

    public var formula: String { "-log(1 + e^-x)" }
    public var reference: String { "log of the logistic function; PyTorch nn.LogSigmoid, Keras 3 log_sigmoid" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, 0), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == LogSigmoid {
    public static var logSigmoid: LogSigmoid { LogSigmoid() }
}
