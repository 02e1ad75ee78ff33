import Foundation
import Tensors

/// Scaled ELU: f(x) = scale * (x if x > 0 else alpha * (e^x - 1)) with the self-normalising
/// constants alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946
/// (the mean of f(Z) for Z ~ N(0, 1) is 0 and its variance 1).
public struct SELU: ElementwiseActivation, RegisteredActivation {
    public static let id = "selu"
    public static let alpha = 1.6732632423543772848170429916717
    public static let scale = 1.0507009873554804934193349852946
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float {
        let s: Float = 1.050_700_987_355_480_5, sa: Float = 1.758_099_340_847_376_8
        return x > 0 ? s * x : sa * VectorMath.expm1NonPositive(x > 0 ? 0 : x)
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let s: Float = 1.050_700_987_355_480_5, sa: Float = 1.758_099_340_847_376_8
        return x > 0 ? s : y + sa
    }
    public func value(_ x: Double) -> Double { Self.scale * (x > 0 ? x : Self.alpha * Foundation.expm1(x)) }
    public func derivative(_ x: Double) -> Double { Self.scale * (x > 0 ? 1 : Self.alpha * Foundation.exp(x)) }

    public var formula: String { "scale * (x if x > 0 else alpha * (e^x - 1)), alpha = 1.67326..., scale = 1.05070..." }
    public var reference: String { "Klambauer, Unterthiner, Mayr & Hochreiter, 2017 (Self-Normalizing Neural Networks)" }
    public var kinks: [Double] { [0] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-Self.scale * Self.alpha, .infinity), zeroCentred: true, monotonic: true, smooth: false,
                       saturating: false, usesExp: true, maxDerivative: Self.scale * Self.alpha)
    }
}

extension ActivationFunction where Self == SELU {
    public static var selu: SELU { SELU() }
}
