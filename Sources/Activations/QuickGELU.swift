import Foundation
import Tensors

/// Quick GELU (CLIP): f(x) = x sigmoid(1.702 x), the sigmoid approximation of x Phi(x);
/// f'(x) = s + 1.702 x s (1 - s). It is swish with beta fixed at 1.702.
public struct QuickGELU: ElementwiseActivation, RegisteredActivation {
    public static let id = "quick_gelu"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { x * VectorMath.sigmoid(1.702 * x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let s = VectorMath.sigmoid(1.702 * x)
        return VectorMath.mulAdd(1.702 * x * s, 1 - s, s)
    }
    public func value(_ x: Double) -> Double { x * DoubleForms.sigmoid(1.702 * x) }
    public func derivative(_ x: Double) -> Double {
        let s = DoubleForms.sigmoid(1.702 * x)
        return s + 1.702 * x * s * (1 - s)
    }

    public var formula: String { "x * sigmoid(1.702 x)" }
    public var reference: String { "Hendrycks & Gimpel, 2016 (sigmoid approximation of GELU); used by Radford et al., 2021 (CLIP)" }
    public var characterSheet: CharacterSheet {
        // x sigmoid(1.702 x) = u sigmoid(u) / 1.702: silu's minimum scaled, its slope kept.
        CharacterSheet(range: (-0.2784645427610738 / 1.702, .infinity), zeroCentred: false, monotonic: false,
                       smooth: true, saturating: false, usesExp: true, maxDerivative: 1.0998393201288669)
    }
}
