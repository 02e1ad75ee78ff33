import Foundation
import Tensors

/// xIELU (Apertus): f(x) = alpha_p x^2 + beta x for x > 0, alpha_n (e^x - 1 - x) + beta x for
/// x <= 0; f'(x) = 2 alpha_p x + beta, or alpha_n (e^x - 1) + beta. Both pieces have slope beta
/// at 0, so f is smooth. The parameters are the effective values (the reference implementation
/// stores them through softplus and defaults both to 0.8, beta to 0.5); its eps = -1e-6 clamp
/// of the exponential, a guard for bfloat16, is left out: it moves f by under 1e-6 only on (-1e-6, 0].
public struct XIELU: ElementwiseActivation, RegisteredActivation {
    public static let id = "xielu"
    public static let parameterSpecs = [
        ParameterSpec("alpha_p", default: 0.8, "curvature of the positive (quadratic) part", lower: 0, lowerInclusive: false),
        ParameterSpec("alpha_n", default: 0.8, "scale of the negative (exponential) part", lower: 0, lowerInclusive: false),
        ParameterSpec("beta", default: 0.5, "slope at 0 on both sides", lower: 0),
    ]
    public let alphaP: Float, alphaN: Float, beta: Float

    public init(alphaP: Float = 0.8, alphaN: Float = 0.8, beta: Float = 0.5) {
        self.alphaP = Float(Self.checked("alpha_p", Double(alphaP)))
        self.alphaN = Float(Self.checked("alpha_n", Double(alphaN)))
        self.beta = Float(Self.checked("beta", Double(beta)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(alphaP: Float(try Self.required("alpha_p", in: p)), alphaN: Float(try Self.required("alpha_n", in: p)),
                  beta: Float(try Self.required("beta", in: p)))
    }

    public var parameters: [String: Double] { ["alpha_p": Double(alphaP), "alpha_n": Double(alphaN), "beta": Double(beta)] }

    @inlinable public func value(_ x: Float) -> Float {
        if x > 0 { return VectorMath.mulAdd(alphaP * x, x, beta * x) }
        return VectorMath.mulAdd(alphaN, VectorMath.expm1NonPositive(x) - x, beta * x)
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        x > 0 ? VectorMath.mulAdd(2 * alphaP, x, beta) : VectorMath.mulAdd(alphaN, VectorMath.expm1NonPositive(x > 0 ? 0 : x), beta)
    }
    public func value(_ x: Double) -> Double {
        let (ap, an, b) = (Double(alphaP), Double(alphaN), Double(beta))
        return x > 0 ? ap * x * x + b * x : an * (Foundation.expm1(x) - x) + b * x
    }
    public func derivative(_ x: Double) -> Double {
        x > 0 ? 2 * Double(alphaP) * x + Double(beta) : Double(alphaN) * Foundation.expm1(x) + Double(beta)
    }

    public var formula: String { "alpha_p x^2 + beta x if x > 0 else alpha_n (e^x - 1 - x) + beta x" }
    public var reference: String { "Huang & Schlag, 2024 (Deriving Activation Functions Using Integration, arXiv 2411.13010)" }
    public var characterSheet: CharacterSheet {
        let (an, b) = (Double(alphaN), Double(beta))
        // On x <= 0 the slope falls from beta to beta - alpha_n: a minimum where it crosses 0.
        let lower: Double
        if an > b {
            let x = Foundation.log(1 - b / an)
            lower = value(x)
        } else {
            lower = an == b ? -an : -.infinity
        }
        return CharacterSheet(range: (lower, .infinity), zeroCentred: false, monotonic: an <= b, smooth: true,
                              saturating: false, usesExp: true, maxDerivative: .infinity)
    }
}
