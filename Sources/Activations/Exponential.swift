import Foundation
import Tensors

/// Exponential: f(x) = e^x = f'(x). Overflows to +inf above x = 88.72 in Float, as it must.
public struct Exponential: ElementwiseActivation, RegisteredActivation {
    public static let id = "exponential"
    public static let aliases = ["exp"]
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { VectorMath.exp(x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { y }
    public func value(_ x: Double) -> Double { Foundation.exp(x) }
    public func derivative(_ x: Double) -> Double { Foundation.exp(x) }

    public var formula: String { "e^x" }
    public var reference: String { "Keras activations.exponential; no paper" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: .infinity)
    }
}

extension ActivationFunction where Self == Exponential {
    public static var exponential: Exponential { Exponential() }
}
