import Foundation
import Tensors

/// Gaussian error linear unit, f(x) = x Phi(x). Exact: 0.5x(1 + erf(x / sqrt 2)),
/// f'(x) = Phi(x) + x phi(x). Tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))),
/// computed as x sigmoid(2u) (the same function, stable for negative x).
/// Both Keras 3's activation (`keras.activations.gelu`, what `activation="gelu"` means) and PyTorch
/// default to the exact form; only `keras.ops.gelu` defaults to the approximation.
public struct GELU: ElementwiseActivation, RegisteredActivation {
    public enum Approximation: Sendable { case none, tanh }
    public static let id = "gelu"
    public static let parameterSpecs = [
        ParameterSpec.flag("approximate", default: false, "1: tanh approximation; 0: exact erf form"),
    ]
    public let approximation: Approximation

    public init(approximation: Approximation = .none) { self.approximation = approximation }

    public init(parameters p: [String: Double]) throws {
        self.init(approximation: try Self.required("approximate", in: p) == 1 ? .tanh : .none)
    }

    public var parameters: [String: Double] { ["approximate": approximation == .tanh ? 1 : 0] }

    @inlinable public func value(_ x: Float) -> Float {
        approximation == .none ? Self.exactValue(x) : Self.tanhValue(x)
    }

    // The constants below are literals, not static lets: a static is a lazily initialised global,
    // and its access check in the loop stopped vectorisation.

    /// Phi(-|x|), the normal tail, as t P(t) e^{-x^2/2} with t = 1 / (1 + 0.27|x|) and P a degree-8
    /// polynomial fitted for relative error (2.4e-8 in Double over |x| <= 14). One exponential
    /// serves the value and, in the backward pass, the density; unlike 0.5(1 + erf), the tail keeps
    /// its relative accuracy for negative x instead of cancelling to 0. With FMA the rounding error
    /// of x^2/2 is carried into the result (e^{h + l} = e^h (1 + l)), which matters beyond |x| ~ 4
    /// for the value; the slope, judged by absolute error, skips it (`carry: false`).
    @inline(__always) @usableFromInline static func normalTail(_ x: Float, carry: Bool = true) -> (tail: Float, gauss: Float) {
        // Beyond 15 the tail is 0 in Float; the clamp keeps x^2 finite for +-inf (NaN passes).
        let ax = x < 0 ? -x : x
        let a = ax > 15 ? 15 : ax
        let t = 1 / VectorMath.mulAdd(0.27, a, 1)
        let t2 = t * t
        let t4 = t2 * t2
        let p01 = VectorMath.mulAdd(1.075_503_4e-1, t, 1.077_201_9e-1)
        let p23 = VectorMath.mulAdd(7.223_281_5e-2, t, 1.017_607_3e-1)
        let p45 = VectorMath.mulAdd(-6.865_524_4e-2, t, 1.074_200_9e-1)
        let p67 = VectorMath.mulAdd(-1.262_732_6e-1, t, 1.693_250_4e-1)
        let q0 = VectorMath.mulAdd(p23, t2, p01)
        let q1 = VectorMath.mulAdd(VectorMath.mulAdd(2.891_931_6e-2, t2, p67), t2, p45)
        let p = VectorMath.mulAdd(q1, t4, q0)
        let h = -0.5 * a * a
        let e = VectorMath.expNonPositive(h)
        let g = carry ? e * (1 + VectorMath.mulAdd(-0.5 * a, a, -h)) : e  // the correction is 0 without FMA
        return (t * p * g, g)
    }

    @inline(__always) @usableFromInline static func exactValue(_ x: Float) -> Float {
        let c = normalTail(x).tail
        return x * (x < 0 ? c : 1 - c)
    }

    @inline(__always) @usableFromInline static func tanhValue(_ x: Float) -> Float {
        // 2u = 2 sqrt(2/pi) (x + 0.044715 x^3), factored as x (a + b x^2): three operations, not five.
        x * VectorMath.sigmoid(x * VectorMath.mulAdd(0.071_354_816, x * x, 1.595_769_1))
    }

    @inlinable public func derivative(x: Float, y: Float) -> Float {
        approximation == .none ? Self.exactSlope(x) : Self.tanhSlope(x)
    }

    @inline(__always) @usableFromInline static func exactSlope(_ x: Float) -> Float {
        // Beyond +-15 the slope is exactly 0 or 1 in Float; clamping keeps x phi(x) from inf * 0.
        let xc = x < -15 ? -15 : (x > 15 ? 15 : x)
        let (c, g) = normalTail(xc, carry: false)
        return VectorMath.mulAdd(xc * 0.398_942_280_401_432_7, g, xc < 0 ? c : 1 - c)
    }

    @inline(__always) @usableFromInline static func tanhSlope(_ x: Float) -> Float {
        // Beyond +-10 the slope is exactly 0 or 1 in Float; clamping keeps x^2 finite.
        let xc = x < -10 ? -10 : (x > 10 ? 10 : x)
        let x2 = xc * xc
        let s = VectorMath.sigmoid(xc * VectorMath.mulAdd(0.071_354_816, x2, 1.595_769_1))
        // d(2u)/dx = 2 sqrt(2/pi) (1 + 3 * 0.044715 x^2).
        return VectorMath.mulAdd(xc * s * (1 - s), VectorMath.mulAdd(0.214_064_45, x2, 1.595_769_1), s)
    }

    // The form is chosen once per call, not per element, so each loop vectorises.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        if approximation == .none {
            Parallel.forEachChunk(rows * columns) { range in for i in range { y[i] = Self.exactValue(x[i]) } }
        } else {
            Parallel.forEachChunk(rows * columns) { range in for i in range { y[i] = Self.tanhValue(x[i]) } }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, dy, dx) = (x, dy, dx)
        if approximation == .none {
            Parallel.forEachChunk(rows * columns) { range in for i in range { dx[i] = dy[i] * Self.exactSlope(x[i]) } }
        } else {
            Parallel.forEachChunk(rows * columns) { range in for i in range { dx[i] = dy[i] * Self.tanhSlope(x[i]) } }
        }
    }

    public func value(_ x: Double) -> Double {
        if approximation == .none { return 0.5 * x * Foundation.erfc(-x / 2.0.squareRoot()) }
        let u = (2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)
        return x * DoubleForms.sigmoid(2 * u)
    }

    public func derivative(_ x: Double) -> Double {
        if approximation == .none {
            return 0.5 * Foundation.erfc(-x / 2.0.squareRoot()) + x * Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot()
        }
        let c = (2 / Double.pi).squareRoot()
        let s = DoubleForms.sigmoid(2 * c * (x + 0.044715 * x * x * x))
        return s + x * 2 * s * (1 - s) * c * (1 + 3 * 0.044715 * x * x)
    }

    public var formula: String {
        approximation == .none ? "0.5 x (1 + erf(x / sqrt(2)))" : "0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))"
    }
    public var reference: String { "Hendrycks & Gimpel, 2016 (Gaussian Error Linear Units)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (approximation == .none ? -0.16997120747990366 : -0.17004075057125405, .infinity),
                       zeroCentred: false, monotonic: false, smooth: true, saturating: false, usesExp: true,
                       maxDerivative: approximation == .none ? 1.1289041451851548 : 1.1289930686587718)
    }
}

extension ActivationFunction where Self == GELU {
    public static var gelu: GELU { GELU() }
}
