import RealModule

/// The functions an expression may call, each with its value and its derivative rule side by side.
///
/// `sign` and `step` (Heaviside, 0 at 0 as relu's derivative) exist mainly because the
/// derivatives of `abs`, `relu`, `max` and `min` are written with them.
public enum ExpressionFunction: String, Sendable, CaseIterable {
    case exp, log, sqrt, abs, sin, cos, tanh, atan, sigmoid, softplus, erf, relu, sign, step, max, min, pow

    public var arity: Int {
        switch self {
        case .max, .min, .pow: 2
        default: 1
        }
    }

    /// The value; one-argument functions ignore `b`.
    func apply<T: Real & BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        switch self {
        case .exp: return T.exp(a)
        case .log: return T.log(a)
        case .sqrt: return T.sqrt(a)
        case .abs: return a.magnitude
        case .sin: return T.sin(a)
        case .cos: return T.cos(a)
        case .tanh: return T.tanh(a)
        case .atan: return T.atan(a)
        case .sigmoid:
            // e^-|a| never overflows, so both tails stay exact.
            let e = T.exp(-a.magnitude)
            return a >= 0 ? 1 / (1 + e) : e / (1 + e)
        case .softplus: return Swift.max(a, 0) + T.log(onePlus: T.exp(-a.magnitude))
        case .erf: return T.erf(a)
        case .relu: return a < 0 ? 0 : a
        case .sign: return a > 0 ? 1 : (a < 0 ? -1 : a)
        case .step: return a > 0 ? 1 : (a.isNaN ? a : 0)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .pow: return Self.power(a, b)
        }
    }

    /// d/dx f(a, b), given the arguments and their derivatives.
    func derivative(_ args: [ExpressionTree], _ d: [ExpressionTree]) -> ExpressionTree {
        let a = args[0], da = d[0]
        switch self {
        case .exp: return .call(.exp, [a]) * da
        case .log: return da / a
        case .sqrt: return da / (2 * .call(.sqrt, [a]))
        case .abs: return .call(.sign, [a]) * da
        case .sin: return .call(.cos, [a]) * da
        case .cos: return -.call(.sin, [a]) * da
        case .tanh: return (1 - .binary(.power, .call(.tanh, [a]), 2)) * da
        case .atan: return da / (1 + .binary(.power, a, 2))
        case .sigmoid: return .call(.sigmoid, [a]) * (1 - .call(.sigmoid, [a])) * da
        case .softplus: return .call(.sigmoid, [a]) * da
        case .erf: return .number(2 / Double.pi.squareRoot()) * .call(.exp, [-.binary(.power, a, 2)]) * da
        case .relu: return .call(.step, [a]) * da
        case .sign, .step: return 0
        case .max:
            let first = ExpressionTree.call(.step, [a - args[1]])
            return first * da + (1 - first) * d[1]
        case .min:
            let first = ExpressionTree.call(.step, [args[1] - a])
            return first * da + (1 - first) * d[1]
        case .pow: return ExpressionTree.powerDerivative(a, args[1], da, d[1])
        }
    }

    /// a^b, exact for integral exponents of negative bases (x^2 at x = -3 is 9, not NaN).
    static func power<T: Real & BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        if b == b.rounded(), b.magnitude < 1e9 { return T.pow(a, Int(b)) }
        return T.pow(a, b)
    }
}
