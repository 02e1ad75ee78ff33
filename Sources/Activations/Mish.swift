import Foundation
import Tensors

/// Mish: f(x) = x tanh(softplus(x)); f'(x) = t + x (1 - t^2) sigmoid(x) with t = tanh(softplus(x)).
/// With n = e^x (e^x + 2), t = n / (n + 2): one exp, no log, no overflow (t = 1 beyond x = 20).
public struct Mish: ElementwiseActivation, RegisteredActivation {
    public static let id = "mish"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable static func gate(_ x: Float) -> (t: Float, sigmoid: Float) {
        let e = VectorMath.exp(x < 20 ? x : 20)
        let n = e * (e + 2)
        let t = x < 20 ? n / (n + 2) : 1
        return (t, e / (1 + e))
    }

    @inlinable public func value(_ x: Float) -> Float { x * Self.gate(x).t }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let g = Self.gate(x)
        return g.t + x * (1 - g.t * g.t) * g.sigmoid
    }
    public func value(_ x: Double) -> Double { x * Foundation.tanh(DoubleForms.softplus(x)) }
    public func derivative(_ x: Double) -> Double {
        let t = Foundation.tanh(DoubleForms.softplus(x))
        return t + x * (1 - t * t) * DoubleForms.sigmoid(x)
    }

    public var formula: String { "x * tanh(log(1 + e^x))" }
    public var reference: String { "Misra, 2019 (Mish: A Self Regularized Non-Monotonic Activation Function)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-0.30884341301725041, .infinity), zeroCentred: false, monotonic: false, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: 1.0884981612517279)
    }
}

extension ActivationFunction where Self == Mish {
    public static var mish: Mish { Mish() }
}
