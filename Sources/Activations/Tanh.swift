import Foundation
import Tensors

/// Hyperbolic tangent: f(x) = (e^x - e^-x) / (e^x + e^-x), f'(x) = 1 - f(x)^2 (peaks at 1).
public struct Tanh: ElementwiseActivation, RegisteredActivation {
    public static let id = "tanh"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { VectorMath.tanh(x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { 1 - y * y }
    public func value(_ x: Double) -> Double { Foundation.tanh(x) }
    public func derivative(_ x: Double) -> Double { let t = Foundation.tanh(x); return 1 - t * t }

    public var formula: String { "(e^x - e^-x) / (e^x + e^-x)" }
    public var reference: String { "LeCun, Bottou, Orr & Mueller, 1998 (Efficient BackProp)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-1, 1), zeroCentred: true, monotonic: true, smooth: true,
                       saturating: true, usesExp: true, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == Tanh {
    public static var tanh: Tanh { Tanh() }
}
