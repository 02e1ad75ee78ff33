/// Identity ("no activation"): f(x) = x, f'(x) = 1.
public struct Linear: ElementwiseActivation, RegisteredActivation {
    public static let id = "linear"
    public static let aliases = ["identity", "none"]
    public init() {}
    public init(parameters: [String: Double]) throws {}
    public var isIdentity: Bool { true }

    @inlinable public func value(_ x: Float) -> Float { x }
    @inlinable public func derivative(x: Float, y: Float) -> Float { 1 }
    public func value(_ x: Double) -> Double { x }
    public func derivative(_ x: Double) -> Double { 1 }

    public var formula: String { "x" }
    public var reference: String { "the identity; no paper" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, .infinity), zeroCentred: true, monotonic: true, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == Linear {
    public static var linear: Linear { Linear() }
}
