import Foundation
import Tensors

/// Exponential linear unit: f(x) = x if x > 0 else alpha * (e^x - 1); f'(x) = 1 or f(x) + alpha.
/// Keras and PyTorch default alpha = 1 (the only value for which f is smooth at 0).
public struct ELU: ElementwiseActivation, RegisteredActivation {
    public static let id = "elu"
    public static let parameterSpecs = [ParameterSpec("alpha", default: 1, "saturation value -alpha for x -> -inf", lower: 0)]
    public let alpha: Float

    public init(alpha: Float = 1) {
        self.alpha = Float(Self.checked("alpha", Double(alpha)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(alpha: Float(try Self.required("alpha", in: p)))
    }

    public var parameters: [String: Double] { ["alpha": Double(alpha)] }

    @inlinable public func value(_ x: Float) -> Float { x > 0 ? x : alpha * VectorMath.expm1NonPositive(x > 0 ? 0 : x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : y + alpha }
    public func value(_ x: Double) -> Double { x > 0 ? x : Double(alpha) * Foundation.expm1(x) }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : Double(alpha) * Foundation.exp(x) }

    public var formula: String { "x if x > 0 else alpha * (e^x - 1)" }
    public var reference: String { "Clevert, Unterthiner & Hochreiter, 2015 (Fast and Accurate Deep Network Learning by ELUs)" }
    public var kinks: [Double] { alpha == 1 ? [] : [0] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-Double(alpha), .infinity), zeroCentred: false, monotonic: true, smooth: alpha == 1,
                       saturating: false, usesExp: true, maxDerivative: max(1, Double(alpha)))
    }
}

extension ActivationFunction where Self == ELU {
    public static var elu: ELU { ELU() }
}
