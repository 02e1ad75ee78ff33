import Foundation
import Tensors

/// SiLU / swish: f(x) = x sigmoid(beta x); f'(x) = s + beta x s (1 - s) with s = sigmoid(beta x),
/// df/dbeta = x^2 s (1 - s). beta = 1 by default; the `Swish` layer learns it.
public struct SiLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "silu"
    public static let aliases = ["swish"]
    public static let parameterSpecs = [ParameterSpec("beta", default: 1, "steepness of the gate (learnable in the Swish layer)", lower: 0, lowerInclusive: false)]
    public let beta: Float

    public init(beta: Float = 1) {
        self.beta = Float(Self.checked("beta", Double(beta)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(beta: Float(try Self.required("beta", in: p)))
    }

    public var parameters: [String: Double] { ["beta": Double(beta)] }

    @inlinable public func value(_ x: Float) -> Float { x * VectorMath.sigmoid(beta * x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let s = VectorMath.sigmoid(beta * x)
        return s + beta * x * s * (1 - s)
    }

    // beta = 1 (the default, and what PyTorch's SiLU is) skips a multiply per element: a loop of
    // this size is bound by its operation count.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        if beta == 1 {
            Parallel.forEachChunk(rows * columns) { range in for i in range { y[i] = x[i] * VectorMath.sigmoid(x[i]) } }
        } else {
            Parallel.forEachChunk(rows * columns) { range in for i in range { y[i] = self.value(x[i]) } }
        }
    }

    public func value(_ x: Double) -> Double { x * DoubleForms.sigmoid(Double(beta) * x) }
    public func derivative(_ x: Double) -> Double {
        let s = DoubleForms.sigmoid(Double(beta) * x)
        return s + Double(beta) * x * s * (1 - s)
    }
    /// df/dbeta = x^2 s (1 - s).
    public func betaDerivative(_ x: Double) -> Double {
        let s = DoubleForms.sigmoid(Double(beta) * x)
        return x * x * s * (1 - s)
    }

    public var formula: String { "x * sigmoid(beta * x)" }
    public var reference: String { "Elfwing, Uchibe & Doya, 2017 (SiLU); Ramachandran, Zoph & Le, 2017 (Searching for Activation Functions, swish)" }
    public var characterSheet: CharacterSheet {
        // x sigmoid(beta x) = u sigmoid(u) / beta: the minimum scales with 1/beta, the slope does not.
        CharacterSheet(range: (-0.2784645427610738 / Double(beta), .infinity), zeroCentred: false, monotonic: false,
                       smooth: true, saturating: false, usesExp: true, maxDerivative: 1.0998393201288669)
    }
}

extension ActivationFunction where Self == SiLU {
    public static var silu: SiLU { SiLU() }
    public static var swish: SiLU { SiLU() }
}
