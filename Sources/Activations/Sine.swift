import Foundation
import Tensors

/// Sine activation of SIREN: f(x) = sin(w0 x), f'(x) = w0 cos(w0 x); w0 = 30 for the first layer.
public struct Sine: ElementwiseActivation, RegisteredActivation {
    public static let id = "sine"
    public static let aliases = ["siren"]
    public static let parameterSpecs = [ParameterSpec("w0", default: 30, "frequency factor (SIREN uses 30)", lower: 0, lowerInclusive: false)]
    public let w0: Float

    public init(w0: Float = 30) { self.w0 = Float(Self.checked("w0", Double(w0))) }
    public init(parameters p: [String: Double]) throws { self.init(w0: Float(try Self.required("w0", in: p))) }
    public var parameters: [String: Double] { ["w0": Double(w0)] }

    // The phase in Double (the product of two Floats is exact there): in Float, w0 x would carry
    // a rounding error of ~1e-7 |w0 x| into the phase.
    public func value(_ x: Float) -> Float { Float(SineCosine.of(Double(w0) * Double(x)).sin) }
    public func derivative(x: Float, y: Float) -> Float { Float(Double(w0) * SineCosine.of(Double(w0) * Double(x)).cos) }
    public func value(_ x: Double) -> Double { Foundation.sin(Double(w0) * x) }
    public func derivative(_ x: Double) -> Double { Double(w0) * Foundation.cos(Double(w0) * x) }

    public var formula: String { "sin(w0 x)" }
    public var reference: String { "Sitzmann, Martel, Bergman, Lindell & Wetzstein, 2020 (Implicit Neural Representations with Periodic Activation Functions)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-1, 1), zeroCentred: true, monotonic: false, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: Double(w0))
    }
}
