import Foundation
import Tensors

/// Gaussian error linear unit, f(x) = x Phi(x). Exact: 0.5x(1 + erf(x / sqrt 2)),
/// f'(x) = Phi(x) + x phi(x). Tanh approximation: 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))),
/// computed as x sigmoid(2u) (the same function, stable for negative x).
/// Keras 3 defaults to the approximation, PyTorch to the exact form.
public struct GELU: ElementwiseActivation, RegisteredActivation {
    public enum Approximation: Sendable { case none, tanh }
    public static let id = "gelu"
    public static let parameterSpecs = [
        ParameterSpec.flag("approximate", default: true, "1: tanh approximation; 0: exact erf form",
                           pytorchDefault: "0 (torch.nn.GELU approximate='none')"),
    ]
    public static let pytorchDifference: String? = "PyTorch defaults to the exact erf form, Keras 3 to the tanh approximation"
    public let approximation: Approximation

    public init(approximation: Approximation = .tanh) { self.approximation = approximation }

    public init(parameters p: [String: Double]) throws {
        self.init(approximation: try Self.required("approximate", in: p) == 1 ? .tanh : .none)
    }

    public var parameters: [String: Double] { ["approximate": approximation == .tanh ? 1 : 0] }

    // Literals, not static lets: a static is a lazily initialised global, and its access check
    // in the loop stopped vectorisation.

    @inlinable public func value(_ x: Float) -> Float {
        approximation == .none ? Self.exactValue(x) : Self.tanhValue(x)
    }

    @inline(__always) @usableFromInline static func exactValue(_ x: Float) -> Float {
        0.5 * x * (1 + VectorMath.erf(x * 0.707_106_781_186_547_5))
    }

    @inline(__always) @usableFromInline static func tanhValue(_ x: Float) -> Float {
        let c: Float = 0.797_884_560_802_865_4, k: Float = 0.044_715  // sqrt(2 / pi), cubic weight
        let u = c * (x + k * x * x * x)
        return x * VectorMath.sigmoid(2 * u)
    }

    @inlinable public func derivative(x: Float, y: Float) -> Float {
        approximation == .none ? Self.exactSlope(x) : Self.tanhSlope(x)
    }

    @inline(__always) @usableFromInline static func exactSlope(_ x: Float) -> Float {
        let xc = x < -10 ? -10 : (x > 10 ? 10 : x)
        let cdf = 0.5 * (1 + VectorMath.erf(xc * 0.707_106_781_186_547_5))
        return cdf + xc * 0.398_942_280_401_432_7 * VectorMath.expNonPositive(-0.5 * xc * xc)
    }

    @inline(__always) @usableFromInline static func tanhSlope(_ x: Float) -> Float {
        // Beyond +-10 the slope is exactly 0 or 1 in Float; clamping keeps x^2 finite.
        let xc = x < -10 ? -10 : (x > 10 ? 10 : x)
        let c: Float = 0.797_884_560_802_865_4, k: Float = 0.044_715
        let s = VectorMath.sigmoid(2 * c * (xc + k * xc * xc * xc))
        return s + xc * 2 * s * (1 - s) * c * (1 + 3 * k * xc * xc)
    }

    // The form is chosen once per call, not per element, so each loop vectorises.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        let exact = approximation == .none
        Parallel.forEachChunk(rows * columns) { range in
            if exact {
                for i in range { y[i] = Self.exactValue(x[i]) }
            } else {
                for i in range { y[i] = Self.tanhValue(x[i]) }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, dy, dx) = (x, dy, dx)
        let exact = approximation == .none
        Parallel.forEachChunk(rows * columns) { range in
            if exact {
                for i in range { dx[i] = dy[i] * Self.exactSlope(x[i]) }
            } else {
                for i in range { dx[i] = dy[i] * Self.tanhSlope(x[i]) }
            }
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
