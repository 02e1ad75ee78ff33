import Foundation
import Tensors

/// Inverse square root unit: f(x) = x / sqrt(1 + alpha x^2), f'(x) = (1 + alpha x^2)^(-3/2);
/// bounded by ±1/sqrt(alpha), like tanh without an exponential.
public struct ISRU: ElementwiseActivation, RegisteredActivation {
    public static let id = "isru"
    public static let parameterSpecs = [ParameterSpec("alpha", default: 1, "bound 1/sqrt(alpha) of |f|", lower: 0, lowerInclusive: false)]
    public let alpha: Float

    public init(alpha: Float = 1) { self.alpha = Float(Self.checked("alpha", Double(alpha))) }
    public init(parameters p: [String: Double]) throws { self.init(alpha: Float(try Self.required("alpha", in: p))) }
    public var parameters: [String: Double] { ["alpha": Double(alpha)] }

    @inlinable public func value(_ x: Float) -> Float { Float(ISRU.value(Double(x), Double(alpha))) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { Float(ISRU.slope(Double(x), Double(alpha))) }
    public func value(_ x: Double) -> Double { Self.value(x, Double(alpha)) }
    public func derivative(_ x: Double) -> Double { Self.slope(x, Double(alpha)) }

    // Double inside: alpha x^2 stays finite for every finite Float x and alpha.
    @inline(__always) @usableFromInline static func value(_ x: Double, _ a: Double) -> Double {
        let q = a * x * x
        return q.isInfinite ? (x > 0 ? 1 : -1) / a.squareRoot() : x / (1 + q).squareRoot()
    }
    @inline(__always) @usableFromInline static func slope(_ x: Double, _ a: Double) -> Double {
        let r = 1 / (1 + a * x * x)
        return r * r.squareRoot()
    }

    public var formula: String { "x / sqrt(1 + alpha x^2)" }
    public var reference: String { "Carlile, Delamarter, Kinney, Marti & Whitney, 2017 (Improving Deep Learning by Inverse Square Root Linear Units)" }
    public var characterSheet: CharacterSheet {
        let bound = 1 / Double(alpha).squareRoot()
        return CharacterSheet(range: (-bound, bound), zeroCentred: true, monotonic: true, smooth: true,
                              saturating: true, usesExp: false, maxDerivative: 1)
    }
}

/// Inverse square root linear unit: f(x) = x for x >= 0, x / sqrt(1 + alpha x^2) below;
/// both pieces have slope 1 and curvature 0 at 0, so f is smooth.
public struct ISRLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "isrlu"
    public static let parameterSpecs = [ParameterSpec("alpha", default: 1, "saturation -1/sqrt(alpha) for x -> -inf", lower: 0, lowerInclusive: false)]
    public let alpha: Float

    public init(alpha: Float = 1) { self.alpha = Float(Self.checked("alpha", Double(alpha))) }
    public init(parameters p: [String: Double]) throws { self.init(alpha: Float(try Self.required("alpha", in: p))) }
    public var parameters: [String: Double] { ["alpha": Double(alpha)] }

    @inlinable public func value(_ x: Float) -> Float { x >= 0 ? x : Float(ISRU.value(Double(x), Double(alpha))) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x >= 0 ? 1 : Float(ISRU.slope(Double(x), Double(alpha))) }
    public func value(_ x: Double) -> Double { x >= 0 || x.isNaN ? x : ISRU.value(x, Double(alpha)) }
    public func derivative(_ x: Double) -> Double { x >= 0 ? 1 : ISRU.slope(x, Double(alpha)) }

    public var formula: String { "x if x >= 0 else x / sqrt(1 + alpha x^2)" }
    public var reference: String { "Carlile, Delamarter, Kinney, Marti & Whitney, 2017 (Improving Deep Learning by Inverse Square Root Linear Units)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-1 / Double(alpha).squareRoot(), .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}
