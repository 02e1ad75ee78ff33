import Foundation
import Tensors

/// Bent identity: f(x) = (sqrt(x^2 + 1) - 1) / 2 + x, f'(x) = x / (2 sqrt(x^2 + 1)) + 1, which
/// stays within (0.5, 1.5).
public struct BentIdentity: ElementwiseActivation, RegisteredActivation {
    public static let id = "bent_identity"
    public init() {}
    public init(parameters: [String: Double]) throws {}

    // (sqrt(x^2 + 1) - 1) as x^2 / (sqrt(x^2 + 1) + 1): no cancellation near 0. In Double so
    // x^2 cannot overflow for any finite Float.
    @inlinable public func value(_ x: Float) -> Float {
        let d = Double(x), r = (d * d + 1).squareRoot()
        return Float(d * d / (r + 1) / 2 + d)
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let d = Double(x)
        return Float(d / (2 * (d * d + 1).squareRoot()) + 1)
    }
    public func value(_ x: Double) -> Double {
        let r = Foundation.hypot(x, 1)
        return (x.magnitude > 1e150 ? x.magnitude : x * x / (r + 1)) / 2 + x
    }
    public func derivative(_ x: Double) -> Double { x / (2 * Foundation.hypot(x, 1)) + 1 }

    public var formula: String { "(sqrt(x^2 + 1) - 1) / 2 + x" }
    public var reference: String { "Bent identity, as catalogued in Wikipedia's activation-function table and Godfrey & Gashler, 2015" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: 1.5)
    }
}
