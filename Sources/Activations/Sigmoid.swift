import Tensors

/// Logistic sigmoid: f(x) = 1 / (1 + e^-x), f'(x) = f(x)(1 - f(x)) (peaks at 0.25 at x = 0).
public struct Sigmoid: ElementwiseActivation, RegisteredActivation {
    public static let id = "sigmoid"
    public static let aliases = ["logistic"]
    public init() {}
    public init(parameters: [String: Double]) throws {}
    public var probabilityOutput: ProbabilityOutput? { .sigmoid }

    @inlinable public func value(_ x: Float) -> Float { VectorMath.sigmoid(x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { y * (1 - y) }
    public func value(_ x: Double) -> Double { DoubleForms.sigmoid(x) }
    public func derivative(_ x: Double) -> Double { let s = value(x); return s * (1 - s) }

    public var formula: String { "1 / (1 + e^-x)" }
    public var reference: String { "Verhulst's logistic function; as a neuron: Rumelhart, Hinton & Williams, 1986" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 1), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: true, usesExp: true, maxDerivative: 0.25)
    }
}

extension ActivationFunction where Self == Sigmoid {
    public static var sigmoid: Sigmoid { Sigmoid() }
}
