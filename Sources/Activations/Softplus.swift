import Foundation
import Tensors

/// Softplus: f(x) = log(1 + e^(beta x)) / beta, linear (f = x) where beta x > threshold;
/// f'(x) = sigmoid(beta x). Keras 3's softplus is beta = 1 without a threshold; PyTorch's
/// defaults beta = 1, threshold = 20 differ from it by under 2e-9.
public struct Softplus: ElementwiseActivation, RegisteredActivation {
    public static let id = "softplus"
    public static let parameterSpecs = [
        ParameterSpec("beta", default: 1, "sharpness", lower: 0, lowerInclusive: false),
        ParameterSpec("threshold", default: 20, "beta x above which f = x (PyTorch)", lower: 0, lowerInclusive: false),
    ]
    public let beta: Float
    public let threshold: Float

    public init(beta: Float = 1, threshold: Float = 20) {
        self.beta = Float(Self.checked("beta", Double(beta)))
        self.threshold = Float(Self.checked("threshold", Double(threshold)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(beta: Float(try Self.required("beta", in: p)), threshold: Float(try Self.required("threshold", in: p)))
    }

    public var parameters: [String: Double] { ["beta": Double(beta), "threshold": Double(threshold)] }

    @inlinable public func value(_ x: Float) -> Float {
        let bx = beta * x
        // 1 / beta is loop-invariant, so kernels multiply instead of dividing per element.
        return bx > threshold ? x : VectorMath.softplus(bx) * (1 / beta)
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let bx = beta * x
        return bx > threshold ? 1 : VectorMath.sigmoid(bx)
    }
    public func value(_ x: Double) -> Double {
        let bx = Double(beta) * x
        return bx > Double(threshold) ? x : DoubleForms.softplus(bx) / Double(beta)
    }
    public func derivative(_ x: Double) -> Double {
        let bx = Double(beta) * x
        return bx > Double(threshold) ? 1 : DoubleForms.sigmoid(bx)
    }

    /// Switching to x at the threshold drops f by log(1 + e^-threshold) / beta: a kink, and a
    /// break in monotonicity, once that is visible (above 1e-6).
    var switchJump: Double { Foundation.log1p(Foundation.exp(-Double(threshold))) / Double(beta) }

    public var formula: String { "log(1 + e^(beta x)) / beta, x where beta x > threshold" }
    public var kinks: [Double] { switchJump < 1e-6 ? [] : [Double(threshold) / Double(beta)] }
    public var reference: String { "Dugas, Bengio, Belisle, Nadeau & Garcia, 2001 (Incorporating Second-Order Functional Knowledge)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: kinks.isEmpty, smooth: kinks.isEmpty,
                       saturating: false, usesExp: true, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == Softplus {
    public static var softplus: Softplus { Softplus() }
}
