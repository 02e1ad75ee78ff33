import Foundation
import Tensors

/// Padé activation unit, the "safe" form of the reference implementation:
/// f(x) = P(x) / Q(x), P(x) = a0 + a1 x + ... + a5 x^5, Q(x) = 1 + |b1| |x| + ... + |b4| |x|^4,
/// so Q >= 1 and f has no poles. df/da_k = x^k / Q, df/db_k = -f sign(b_k) |x|^k / Q,
/// f' = (P' - f Q') / Q. The ten coefficients are shared by the layer and learned; they start at
/// the published fit to leaky relu (`pade_optimized_leakyrelu`), which behaves like 0.505 x far out.
/// Evaluated in Double inside the Float kernels: x^5 overflows Float from |x| ~ 4e7.
public struct PAU: LearnableActivation, RegisteredActivation {
    public static let id = "pau"
    /// Molina, Schramowski & Kersting's initial coefficients approximating leaky relu.
    public static let leakyReLUNumerator: [Double] = [3.35583603e-02, 5.05000375e-01, 1.65343934e+00, 2.01001052e+00, 9.31901999e-01, 1.52424124e-01]
    public static let leakyReLUDenominator: [Double] = [3.30847488e-06, 3.98021568e+00, 5.12471206e-07, 3.01830109e-01]
    static let numeratorNames = (0...5).map { "a\($0)" }
    static let denominatorNames = (1...4).map { "b\($0)" }
    public static let parameterSpecs: [ParameterSpec] =
        zip(numeratorNames, leakyReLUNumerator).map { ParameterSpec($0, default: $1, "numerator coefficient of x^\($0.dropFirst()) (learnable)") }
        + zip(denominatorNames, leakyReLUDenominator).map { ParameterSpec($0, default: $1, "denominator coefficient of |x|^\($0.dropFirst()), used as its absolute value (learnable)") }

    public let numerator: [Float]
    public let denominator: [Float]

    public init(numerator: [Float] = leakyReLUNumerator.map(Float.init), denominator: [Float] = leakyReLUDenominator.map(Float.init)) {
        precondition(numerator.count == 6 && denominator.count == 4, "pau has degrees 5 / 4")
        precondition((numerator + denominator).allSatisfy(\.isFinite), "pau coefficients must be finite")
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(parameters p: [String: Double]) throws {
        let a = try Self.numeratorNames.map { Float(try Self.required($0, in: p)) }
        let b = try Self.denominatorNames.map { Float(try Self.required($0, in: p)) }
        self.init(numerator: a, denominator: b)
    }

    public var parameters: [String: Double] {
        var p = [String: Double]()
        for (n, v) in zip(Self.numeratorNames, numerator) { p[n] = Double(v) }
        for (n, v) in zip(Self.denominatorNames, denominator) { p[n] = Double(v) }
        return p
    }
    public var layerTypeName: String { "PAU" }

    public var learnableTensors: [LearnableTensor] {
        [LearnableTensor(name: "numerator", perChannel: false, initial: numerator),
         LearnableTensor(name: "denominator", perChannel: false, initial: denominator)]
    }

    /// P, Q, f and, for the backward pass, f'.
    @inline(__always) static func evaluate(_ x: Double, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>) -> (p: Double, q: Double, f: Double, slope: Double) {
        let ax = abs(x)
        let a0 = Double(a[0]), a1 = Double(a[1]), a2 = Double(a[2]), a3 = Double(a[3]), a4 = Double(a[4]), a5 = Double(a[5])
        let b1 = abs(Double(b[0])), b2 = abs(Double(b[1])), b3 = abs(Double(b[2])), b4 = abs(Double(b[3]))
        let p = a0 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * a5))))
        let q = 1 + ax * (b1 + ax * (b2 + ax * (b3 + ax * b4)))
        let dp = a1 + x * (2 * a2 + x * (3 * a3 + x * (4 * a4 + x * 5 * a5)))
        let dq = (b1 + ax * (2 * b2 + ax * (3 * b3 + ax * 4 * b4))) * (x > 0 ? 1 : (x < 0 ? -1 : 0))
        let f = p / q
        return (p, q, f, (dp - f * dq) / q)
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, values: LearnedValues) {
        nonisolated(unsafe) let (x, y) = (x, y)
        nonisolated(unsafe) let (a, b) = (UnsafePointer(values.pointers[0]), UnsafePointer(values.pointers[1]))
        Parallel.forEachChunk(rows * columns) { range in
            for i in range { y[i] = Float(Self.evaluate(Double(x[i]), a, b).f) }
        }
    }

    public func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, rows: Int, columns: Int,
                         values: LearnedValues, gradients: LearnedValues) {
        let a = UnsafePointer(values.pointers[0]), b = UnsafePointer(values.pointers[1])
        var ga = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0), gb = (0.0, 0.0, 0.0, 0.0)
        for i in 0..<rows * columns {
            let v = Double(x[i]), g = Double(dy[i])
            let e = Self.evaluate(v, a, b)
            dx?[i] = Float(g * e.slope)
            let w = g / e.q
            let v2 = v * v, v3 = v2 * v, v4 = v2 * v2
            ga.0 += w; ga.1 += w * v; ga.2 += w * v2; ga.3 += w * v3; ga.4 += w * v4; ga.5 += w * v4 * v
            let m = -w * e.f, av = abs(v)
            gb.0 += m * av; gb.1 += m * v2; gb.2 += m * av * v2; gb.3 += m * v4
        }
        let gn = gradients.pointers[0], gd = gradients.pointers[1]
        (gn[0], gn[1], gn[2], gn[3], gn[4], gn[5]) = (Float(ga.0), Float(ga.1), Float(ga.2), Float(ga.3), Float(ga.4), Float(ga.5))
        // d|b|/db = sign(b).
        func signed(_ s: Double, _ k: Int) -> Float { Float(b[k] > 0 ? s : (b[k] < 0 ? -s : 0)) }
        (gd[0], gd[1], gd[2], gd[3]) = (signed(gb.0, 0), signed(gb.1, 1), signed(gb.2, 2), signed(gb.3, 3))
    }

    public func learned(_ values: [String: [Float]]) throws -> any ActivationFunction {
        let a = values["numerator"] ?? numerator, b = values["denominator"] ?? denominator
        guard a.count == 6, b.count == 4 else {
            throw ActivationError.invalidParameter(activation: Self.id, parameter: "numerator", value: Double(a.count), expected: "6 numerator and 4 denominator coefficients")
        }
        return try PAU(parameters: parameters.merging(zip(Self.numeratorNames + Self.denominatorNames, (a + b).map(Double.init)), uniquingKeysWith: { $1 }))
    }

    private func withCoefficients<R>(_ body: (UnsafePointer<Float>, UnsafePointer<Float>) -> R) -> R {
        numerator.withUnsafeBufferPointer { a in denominator.withUnsafeBufferPointer { b in body(a.baseAddress!, b.baseAddress!) } }
    }

    public func value(_ x: Double) -> Double { withCoefficients { Self.evaluate(x, $0, $1).f } }
    public func derivative(_ x: Double) -> Double { withCoefficients { Self.evaluate(x, $0, $1).slope } }
    public func parameterDerivatives(_ x: Double) -> [String: Double] {
        withCoefficients { a, b in
            let e = Self.evaluate(x, a, b)
            var d = [String: Double]()
            for k in 0...5 { d["a\(k)"] = Foundation.pow(x, Double(k)) / e.q }
            for k in 1...4 {
                let sign: Double = b[k - 1] > 0 ? 1 : (b[k - 1] < 0 ? -1 : 0)
                d["b\(k)"] = -e.f * sign * Foundation.pow(abs(x), Double(k)) / e.q
            }
            return d
        }
    }

    public var formula: String { "(a0 + a1 x + ... + a5 x^5) / (1 + |b1| |x| + ... + |b4| |x|^4)" }
    public var reference: String { "Molina, Schramowski & Kersting, 2020 (Padé Activation Units, ICLR)" }
    /// |x| in Q puts a slope jump of 2 |a0 b1| at 0; below 1e-6 (the leaky-relu start's is 2.2e-7) it is not listed.
    public var kinks: [Double] { 2 * abs(Double(numerator[0]) * Double(denominator[0])) > 1e-6 ? [0] : [] }
    public var characterSheet: CharacterSheet {
        // f ~ (a5 / |b4|) x far out on both sides; without b4 the quintic wins.
        let a5 = Double(numerator[5]), b4 = abs(Double(denominator[3]))
        let (left, right): (Double, Double) = b4 > 0 ? (a5 / b4, a5 / b4)
            : (a5 == 0 ? (0, 0) : (a5 > 0 ? (Double.infinity, .infinity) : (-Double.infinity, -.infinity)))
        return .measured(value: value, derivative: derivative, leftSlope: left, rightSlope: right,
                         zeroCentred: abs(CharacterSheet.normalMean(value)) < 1e-9, smooth: kinks.isEmpty, usesExp: false)
    }
}
