/// Sparse sigmoid (Keras 3): f(x) = clip((x + 1) / 2, 0, 1), f'(x) = 1/2 on (-1, 1), else 0;
/// the sparsemax of the pair (x, 0), exactly 0 or 1 outside [-1, 1].
public struct SparseSigmoid: ElementwiseActivation, RegisteredActivation {
    public static let id = "sparse_sigmoid"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float {
        let y = (x + 1) * 0.5
        return y < 0 ? 0 : (y > 1 ? 1 : y)
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > -1 && x < 1 ? 0.5 : 0 }
    public func value(_ x: Double) -> Double { x.isNaN ? x : min(max((x + 1) / 2, 0), 1) }
    public func derivative(_ x: Double) -> Double { x > -1 && x < 1 ? 0.5 : 0 }

    public var formula: String { "clip((x + 1) / 2, 0, 1)" }
    public var reference: String { "Martins & Astudillo, 2016 (From Softmax to Sparsemax), two-class case; Keras 3 sparse_sigmoid" }
    public var kinks: [Double] { [-1, 1] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 1), zeroCentred: false, monotonic: true, smooth: false,
                       saturating: true, usesExp: false, maxDerivative: 0.5)
    }
}

extension ActivationFunction where Self == SparseSigmoid {
    public static var sparseSigmoid: SparseSigmoid { SparseSigmoid() }
}
