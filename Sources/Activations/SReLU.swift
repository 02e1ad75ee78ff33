import Foundation
import Tensors

/// S-shaped ReLU: f(x) = t_right + a_right (x - t_right) for x >= t_right, x between the
/// thresholds, t_left + a_left (x - t_left) for x <= t_left. All four are learned per channel;
/// df/dt = 1 - a and df/da = x - t on each outer piece. The defaults are the means of the
/// Keras-contrib initialisers (t_left 0, a_left ~ U(0, 1), t_right ~ U(0, 5), a_right 1) with a_left 0.2.
public struct SReLU: LearnableActivation, RegisteredActivation {
    public static let id = "srelu"
    public static let parameterSpecs = [
        ParameterSpec("t_left", default: 0, "left threshold (learnable per channel)"),
        ParameterSpec("a_left", default: 0.2, "slope left of t_left (learnable per channel)", lower: 0),
        ParameterSpec("t_right", default: 2.5, "right threshold, at least t_left (learnable per channel)"),
        ParameterSpec("a_right", default: 1, "slope right of t_right (learnable per channel)", lower: 0),
    ]
    public let tLeft: Float, aLeft: Float, tRight: Float, aRight: Float

    public init(tLeft: Float = 0, aLeft: Float = 0.2, tRight: Float = 2.5, aRight: Float = 1) {
        do { try self.init(parameters: ["t_left": Double(tLeft), "a_left": Double(aLeft), "t_right": Double(tRight), "a_right": Double(aRight)]) } catch {
            preconditionFailure("\(error)")
        }
    }

    public init(parameters p: [String: Double]) throws {
        let tl = try Self.required("t_left", in: p), tr = try Self.required("t_right", in: p)
        guard tr >= tl else {
            throw ActivationError.invalidParameter(activation: Self.id, parameter: "t_right", value: tr, expected: "a value >= t_left (\(tl))")
        }
        (tLeft, aLeft, tRight, aRight) = (Float(tl), Float(try Self.required("a_left", in: p)), Float(tr), Float(try Self.required("a_right", in: p)))
    }

    public var parameters: [String: Double] {
        ["t_left": Double(tLeft), "a_left": Double(aLeft), "t_right": Double(tRight), "a_right": Double(aRight)]
    }
    public var layerTypeName: String { "SReLU" }

    public var learnableTensors: [LearnableTensor] {
        [("t_left", tLeft), ("a_left", aLeft), ("t_right", tRight), ("a_right", aRight)].map {
            LearnableTensor(name: $0.0, perChannel: true, initial: [$0.1])
        }
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, values: LearnedValues) {
        nonisolated(unsafe) let (x, y) = (x, y)
        // Pointers out of the arrays: array reads in the loop are bounds-checked and stop vectorisation.
        nonisolated(unsafe) let (p0, p1, p2, p3) = (values.pointers[0], values.pointers[1], values.pointers[2], values.pointers[3])
        let (s0, s1, s2, s3) = (values.strides[0], values.strides[1], values.strides[2], values.strides[3])
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                for j in 0..<columns {
                    let i = r * columns + j, v = x[i]
                    let tl = p0[j * s0], al = p1[j * s1], tr = p2[j * s2], ar = p3[j * s3]
                    y[i] = v >= tr ? VectorMath.mulAdd(ar, v - tr, tr) : (v <= tl ? VectorMath.mulAdd(al, v - tl, tl) : v)
                }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, rows: Int, columns: Int,
                         values: LearnedValues, gradients: LearnedValues) {
        let (p0, p1, p2, p3) = (values.pointers[0], values.pointers[1], values.pointers[2], values.pointers[3])
        let (s0, s1, s2, s3) = (values.strides[0], values.strides[1], values.strides[2], values.strides[3])
        let (g0, g1, g2, g3) = (gradients.pointers[0], gradients.pointers[1], gradients.pointers[2], gradients.pointers[3])
        g0.update(repeating: 0, count: columns); g1.update(repeating: 0, count: columns)
        g2.update(repeating: 0, count: columns); g3.update(repeating: 0, count: columns)
        for r in 0..<rows {
            for j in 0..<columns {
                let i = r * columns + j, v = x[i], d = dy[i]
                let tl = p0[j * s0], al = p1[j * s1], tr = p2[j * s2], ar = p3[j * s3]
                if v >= tr {
                    dx?[i] = d * ar
                    g2[j] += d * (1 - ar); g3[j] += d * (v - tr)
                } else if v <= tl {
                    dx?[i] = d * al
                    g0[j] += d * (1 - al); g1[j] += d * (v - tl)
                } else {
                    dx?[i] = d
                }
            }
        }
    }

    public func learned(_ values: [String: [Float]]) throws -> any ActivationFunction {
        var p = parameters
        for (k, v) in values { if let first = v.first { p[k] = Double(first) } }
        return try SReLU(parameters: p)
    }

    public func value(_ x: Double) -> Double {
        let (tl, al, tr, ar) = (Double(tLeft), Double(aLeft), Double(tRight), Double(aRight))
        return x >= tr ? tr + ar * (x - tr) : (x <= tl ? tl + al * (x - tl) : x)
    }
    public func derivative(_ x: Double) -> Double { x > Double(tRight) ? Double(aRight) : (x < Double(tLeft) ? Double(aLeft) : 1) }
    public func parameterDerivatives(_ x: Double) -> [String: Double] {
        let (tl, al, tr, ar) = (Double(tLeft), Double(aLeft), Double(tRight), Double(aRight))
        if x > tr { return ["t_left": 0, "a_left": 0, "t_right": 1 - ar, "a_right": x - tr] }
        if x < tl { return ["t_left": 1 - al, "a_left": x - tl, "t_right": 0, "a_right": 0] }
        return ["t_left": 0, "a_left": 0, "t_right": 0, "a_right": 0]
    }

    public var formula: String { "t_right + a_right (x - t_right) if x >= t_right, t_left + a_left (x - t_left) if x <= t_left, else x" }
    public var reference: String { "Jin, Xu, Feng, Wei, Xiong & Yan, 2016 (Deep Learning with S-shaped Rectified Linear Activation Units)" }
    public var kinks: [Double] { (aLeft == 1 ? [] : [Double(tLeft)]) + (aRight == 1 || tRight == tLeft && aLeft == aRight ? [] : [Double(tRight)]) }
    public var characterSheet: CharacterSheet {
        let (tl, al, tr, ar) = (Double(tLeft), Double(aLeft), Double(tRight), Double(aRight))
        return CharacterSheet(range: (al > 0 ? -.infinity : tl, ar > 0 ? .infinity : tr), zeroCentred: tl == -tr && al == ar,
                              monotonic: true, smooth: al == 1 && ar == 1, saturating: al == 0 && ar == 0, usesExp: false,
                              maxDerivative: tl == tr ? max(al, ar) : max(1, al, ar))
    }
}
