/// Sparse plus (Keras 3): f(x) = 0 for x <= -1, (x + 1)^2 / 4 for -1 < x < 1, x for x >= 1;
/// f'(x) = 0, (x + 1) / 2, 1: a smooth relu that is exactly 0 and exactly linear outside [-1, 1].
public struct SparsePlus: ElementwiseActivation, RegisteredActivation {
    public static let id = "sparse_plus"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float {
        let q = (x + 1) * (x + 1) * 0.25
        return x <= -1 ? 0 : (x >= 1 ? x : q)
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x <= -1 ? 0 : (x >= 1 ? 1 : (x + 1) * 0.5) }
    public func value(_ x: Double) -> Double { x <= -1 ? 0 : (x >= 1 ? x : (x + 1) * (x + 1) / 4) }
    public func derivative(_ x: Double) -> Double { x <= -1 ? 0 : (x >= 1 ? 1 : (x + 1) / 2) }

    public var formula: String { "0 if x <= -1, (x + 1)^2 / 4 if -1 < x < 1, x if x >= 1" }
    public var reference: String { "Blondel, Martins & Niculae, 2020 (Learning with Fenchel-Young Losses); Keras 3 sparse_plus" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == SparsePlus {
    public static var sparsePlus: SparsePlus { SparsePlus() }
}
