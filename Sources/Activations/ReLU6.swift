/// ReLU capped at 6: f(x) = min(max(x, 0), 6), f'(x) = 1 on (0, 6), else 0.
public struct ReLU6: ElementwiseActivation, RegisteredActivation {
    public static let id = "relu6"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { x < 0 ? 0 : (x > 6 ? 6 : x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > 0 && x < 6 ? 1 : 0 }
    public func value(_ x: Double) -> Double { x.isNaN ? x : min(max(x, 0), 6) }
    public func derivative(_ x: Double) -> Double { x > 0 && x < 6 ? 1 : 0 }

    public var formula: String { "min(max(x, 0), 6)" }
    public var reference: String { "Krizhevsky, 2010 (Convolutional Deep Belief Networks on CIFAR-10)" }
    public var kinks: [Double] { [0, 6] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 6), zeroCentred: false, monotonic: true, smooth: false,
                       saturating: true, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == ReLU6 {
    public static var relu6: ReLU6 { ReLU6() }
}
