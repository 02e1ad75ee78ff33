/// Softsign: f(x) = x / (1 + |x|), f'(x) = 1 / (1 + |x|)^2.
public struct Softsign: ElementwiseActivation, RegisteredActivation {
    public static let id = "softsign"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { x / (1 + (x < 0 ? -x : x)) }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let d = 1 + (x < 0 ? -x : x)
        return 1 / (d * d)
    }
    public func value(_ x: Double) -> Double { x / (1 + abs(x)) }
    public func derivative(_ x: Double) -> Double { 1 / ((1 + abs(x)) * (1 + abs(x))) }

    public var formula: String { "x / (1 + |x|)" }
    public var reference: String { "Bergstra, Desjardins, Lamblin & Bengio, 2009 (Quadratic Polynomials Learn Better Image Features)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-1, 1), zeroCentred: true, monotonic: true, smooth: true,
                       saturating: true, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == Softsign {
    public static var softsign: Softsign { Softsign() }
}
