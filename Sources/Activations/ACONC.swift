import Foundation
import Tensors

/// ACON-C ("activate or not"): f(x) = (p1 - p2) x sigmoid(beta (p1 - p2) x) + p2 x, a smooth
/// switch between slopes p2 (x -> -inf) and p1 (x -> +inf) when p1 > p2; p1 = 1, p2 = 0 is
/// swish. With d = p1 - p2, u = beta d x, s = sigmoid(u) and q = x s (1 + u (1 - s)):
/// f' = d s (1 + u (1 - s)) + p2, df/dp1 = q, df/dp2 = x - q, df/dbeta = (d x)^2 s (1 - s).
/// All three are learned per channel, as in the paper.
public struct ACONC: LearnableActivation, RegisteredActivation {
    public static let id = "acon_c"
    public static let parameterSpecs = [
        ParameterSpec("p1", default: 1, "slope for x -> +inf when p1 > p2 (learnable per channel)"),
        ParameterSpec("p2", default: 0, "slope for x -> -inf when p1 > p2 (learnable per channel)"),
        ParameterSpec("beta", default: 1, "switching sharpness (learnable per channel)", lower: 0, lowerInclusive: false),
    ]
    public let p1: Float, p2: Float, beta: Float

    public init(p1: Float = 1, p2: Float = 0, beta: Float = 1) {
        self.p1 = Float(Self.checked("p1", Double(p1)))
        self.p2 = Float(Self.checked("p2", Double(p2)))
        self.beta = Float(Self.checked("beta", Double(beta)))
    }

    public init(parameters p: [String: Double]) throws {
        let (p1, p2) = (Float(try Self.required("p1", in: p)), Float(try Self.required("p2", in: p)))
        // The kernels compute d = p1 - p2 in Float: a difference past Float's range would be inf there.
        guard (p1 - p2).isFinite else {
            throw ActivationError.invalidParameter(activation: Self.id, parameter: "p2", value: Double(p2),
                                                   expected: "|p1 - p2| <= \(Float.greatestFiniteMagnitude) (p1 = \(p1))")
        }
        self.init(p1: p1, p2: p2, beta: Float(try Self.required("beta", in: p)))
    }

    public var parameters: [String: Double] { ["p1": Double(p1), "p2": Double(p2), "beta": Double(beta)] }
    public var layerTypeName: String { "ACONC" }

    public var learnableTensors: [LearnableTensor] {
        [("p1", p1), ("p2", p2), ("beta", beta)].map { LearnableTensor(name: $0.0, perChannel: true, initial: [$0.1]) }
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, values: LearnedValues) {
        nonisolated(unsafe) let (x, y) = (x, y)
        // Pointers out of the arrays: array reads in the loop are bounds-checked and stop vectorisation.
        nonisolated(unsafe) let (p0, p1, p2) = (values.pointers[0], values.pointers[1], values.pointers[2])
        let (s0, s1, s2) = (values.strides[0], values.strides[1], values.strides[2])
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                for j in 0..<columns {
                    let i = r * columns + j, v = x[i]
                    let a = p0[j * s0], b = p1[j * s1], d = a - b
                    y[i] = VectorMath.mulAdd(d * v, VectorMath.sigmoid(p2[j * s2] * d * v), b * v)
                }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, rows: Int, columns: Int,
                         values: LearnedValues, gradients: LearnedValues) {
        let (p0, p1, p2) = (values.pointers[0], values.pointers[1], values.pointers[2])
        let (s0, s1, s2) = (values.strides[0], values.strides[1], values.strides[2])
        let (g0, g1, g2) = (gradients.pointers[0], gradients.pointers[1], gradients.pointers[2])
        g0.update(repeating: 0, count: columns); g1.update(repeating: 0, count: columns); g2.update(repeating: 0, count: columns)
        for r in 0..<rows {
            for j in 0..<columns {
                let i = r * columns + j, v = x[i], gy = dy[i]
                let a = p0[j * s0], b = p1[j * s1], beta = p2[j * s2], d = a - b
                let u = beta * d * v, s = VectorMath.sigmoid(u)
                let lift = VectorMath.mulAdd(u, 1 - s, 1)
                let q = v * s * lift
                dx?[i] = gy * VectorMath.mulAdd(d * s, lift, b)
                g0[j] += gy * q
                g1[j] += gy * (v - q)
                g2[j] += gy * (d * v) * (d * v) * s * (1 - s)
            }
        }
    }

    public func learned(_ values: [String: [Float]]) throws -> any ActivationFunction {
        var p = parameters
        for (k, v) in values { if let first = v.first { p[k] = Double(first) } }
        return try ACONC(parameters: p)
    }

    public func value(_ x: Double) -> Double {
        let d = Double(p1) - Double(p2)
        return d * x * DoubleForms.sigmoid(Double(beta) * d * x) + Double(p2) * x
    }
    public func derivative(_ x: Double) -> Double {
        let d = Double(p1) - Double(p2), u = Double(beta) * d * x, s = DoubleForms.sigmoid(u)
        return d * s * (1 + u * (1 - s)) + Double(p2)
    }
    public func parameterDerivatives(_ x: Double) -> [String: Double] {
        let d = Double(p1) - Double(p2), u = Double(beta) * d * x, s = DoubleForms.sigmoid(u)
        let q = x * s * (1 + u * (1 - s))
        return ["p1": q, "p2": x - q, "beta": d * d * x * x * s * (1 - s)]
    }

    public var formula: String { "(p1 - p2) x sigmoid(beta (p1 - p2) x) + p2 x" }
    public var reference: String { "Ma, Zhang, Liu, Zhang & Sun, 2021 (Activate or Not: Learning Customized Activation, CVPR)" }
    public var characterSheet: CharacterSheet {
        // The slope tends to the larger of p1, p2 at +inf and the smaller at -inf.
        let (hi, lo) = (Double(max(p1, p2)), Double(min(p1, p2)))
        // f(x) + f(-x) = d x (2 sigmoid(beta d x) - 1) > 0 for x != 0 unless d = 0, when f = p2 x is odd.
        return .measured(value: value, derivative: derivative, leftSlope: lo, rightSlope: hi,
                         zeroCentred: p1 == p2, smooth: true, usesExp: true)
    }
}
