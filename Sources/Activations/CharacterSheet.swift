import RealModule

/// The character of an activation, as the surveys tabulate it. Every claim is a checkable
/// statement about the Double form `value(_:)` (for row-wise functions, its documented 1-D slice):
///
/// - `outputRange`: infimum and supremum of f over the reals (±infinity when unbounded).
/// - `zeroCentred`: E[f(Z)] = 0 for Z ~ N(0, 1): odd functions, and SELU by construction.
/// - `monotonic`: f never decreases, or never increases, over the reals.
/// - `smooth`: f is continuously differentiable (no kink, no jump).
/// - `saturating`: f'(x) -> 0 both as x -> -infinity and as x -> +infinity.
/// - `usesExp`: evaluating f needs exp, log, tanh or erf (the cost the surveys warn about).
/// - `maxDerivative`: sup |f'(x)| over the reals.
public struct CharacterSheet: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public var zeroCentred: Bool
    public var monotonic: Bool
    public var smooth: Bool
    public var saturating: Bool
    public var usesExp: Bool
    public var maxDerivative: Double

    public init(range: (lower: Double, upper: Double), zeroCentred: Bool, monotonic: Bool, smooth: Bool,
                saturating: Bool, usesExp: Bool, maxDerivative: Double) {
        (lower, upper) = range
        self.zeroCentred = zeroCentred
        self.monotonic = monotonic
        self.smooth = smooth
        self.saturating = saturating
        self.usesExp = usesExp
        self.maxDerivative = maxDerivative
    }

    /// (inf f, sup f).
    public var outputRange: (lower: Double, upper: Double) { (lower, upper) }

    /// The range as an interval text, e.g. `(-1, 1)` or `[0, inf)`: a finite end is closed when the
    /// function reaches it (see `ActivationFunction.rangeText`, which knows), infinite ends open.
    public func rangeText(closedLower: Bool, closedUpper: Bool) -> String {
        func show(_ v: Double) -> String {
            if v == .infinity { return "inf" }
            if v == -.infinity { return "-inf" }
            if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
            return String(format4(v))
        }
        let open = closedLower && lower.isFinite ? "[" : "("
        let close = closedUpper && upper.isFinite ? "]" : ")"
        return "\(open)\(show(lower)), \(show(upper))\(close)"
    }

    public var description: String {
        // Bounds, not an interval: whether f reaches them is the function's to say (`rangeText`).
        "inf f \(format4(lower)), sup f \(format4(upper)), zero-centred \(zeroCentred), monotonic \(monotonic), smooth \(smooth), "
            + "saturating \(saturating), uses exp \(usesExp), max f' \(format4(maxDerivative))"
    }
}

/// Four significant digits without Foundation's formatter (the Activations module stays light).
func format4(_ v: Double) -> String {
    if !v.isFinite { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    let scaled = (v * 10_000).rounded() / 10_000
    return "\(scaled)"
}

extension CharacterSheet {
    /// A sheet read off samples of f, for functions that declare none (user-defined ones).
    /// The registered functions state theirs, and the tests check those against samples.
    public static func estimated(_ f: (Double) -> Double) -> CharacterSheet {
        let xs = stride(from: -50.0, through: 50.0, by: 1.0 / 256).map { $0 }
        let ys = xs.map(f)
        let h = 1.0 / 256
        let slopes = zip(ys, ys.dropFirst()).map { ($1 - $0) / h }
        let rising = slopes.allSatisfy { $0 >= -1e-9 }, falling = slopes.allSatisfy { $0 <= 1e-9 }
        let jumps = zip(slopes, slopes.dropFirst()).map { abs($1 - $0) }.max() ?? 0
        let z = stride(from: -8.0, through: 8.0, by: 1.0 / 64)
        let mean = z.reduce(0.0) { $0 + f($1) * Double.exp(-$1 * $1 / 2) } / 64 / (2 * Double.pi).squareRoot()
        return CharacterSheet(range: (ys.min() ?? 0, ys.max() ?? 0), zeroCentred: abs(mean) < 1e-3,
                              monotonic: rising || falling, smooth: jumps < 0.05,
                              saturating: abs(slopes.first ?? 1) < 1e-6 && abs(slopes.last ?? 1) < 1e-6,
                              usesExp: true, maxDerivative: slopes.map(abs).max() ?? 0)
    }
}
