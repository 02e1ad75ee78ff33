import Foundation
import Tensors

/// Tanh shrink: f(x) = x - tanh(x), f'(x) = tanh(x)^2 = (x - f(x))^2.
public struct TanhShrink: ElementwiseActivation, RegisteredActivation {
    public static let id = "tanh_shrink"
    public static let aliases = ["tanhshrink"]
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { x - VectorMath.tanh(x) }
    // tanh(x) = x - y: no second tanh in the backward pass.
    @inlinable public func derivative(x: Float, y: Float) -> Float { let t = x - y; return t * t }
    // Near 0 the difference cancels; the series x^3/3 - 2x^5/15 keeps the Double form exact there.
    public func value(_ x: Double) -> Double {
        abs(x) < 1e-3 ? x * x * x / 3 - 2 * pow(x, 5) / 15 : x - Foundation.tanh(x)
    }
    public func derivative(_ x: Double) -> Double { let t = Foundation.tanh(x); return t * t }

    public var formula: String { "x - tanh(x)" }
    public var reference: String { "PyTorch nn.Tanhshrink; Keras 3 tanh_shrink" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, .infinity), zeroCentred: true, monotonic: true, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == TanhShrink {
    public static var tanhShrink: TanhShrink { TanhShrink() }
}
