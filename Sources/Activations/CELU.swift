import Foundation
import Tensors

/// Continuously differentiable ELU: f(x) = x if x > 0 else alpha * (e^(x/alpha) - 1);
/// f'(x) = 1 or e^(x/alpha) = f(x)/alpha + 1, continuous at 0 for every alpha > 0.
public struct CELU: ElementwiseActivation, RegisteredActivation {
    public static let id = "celu"
    public static let parameterSpecs = [ParameterSpec("alpha", default: 1, "saturation value -alpha", lower: 0, lowerInclusive: false)]
    public let alpha: Float
    public let inverseAlpha: Float

    public init(alpha: Float = 1) {
        self.alpha = Float(Self.checked("alpha", Double(alpha)))
        inverseAlpha = 1 / alpha
    }

    public init(parameters p: [String: Double]) throws {
        self.init(alpha: Float(try Self.required("alpha", in: p)))
    }

    public var parameters: [String: Double] { ["alpha": Double(alpha)] }

    @inlinable public func value(_ x: Float) -> Float { x > 0 ? x : alpha * VectorMath.expm1NonPositive((x > 0 ? 0 : x) * inverseAlpha) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : y * inverseAlpha + 1 }
    public func value(_ x: Double) -> Double { x > 0 ? x : Double(alpha) * Foundation.expm1(x / Double(alpha)) }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : Foundation.exp(x / Double(alpha)) }

    public var formula: String { "x if x > 0 else alpha * (e^(x / alpha) - 1)" }
    public var reference: String { "Barron, 2017 (Continuously Differentiable Exponential Linear Units)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-Double(alpha), .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == CELU {
    public static var celu: CELU { CELU() }
}
