import Foundation

/// Student's t distribution with real (not only whole) degrees of freedom, as Welch's test needs.
public enum StudentT {
    /// P(T <= t) for `degreesOfFreedom` > 0.
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !t.isNaN, !df.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        let tail = df.isInfinite
            ? 0.5 * erfc(abs(t) / 2.0.squareRoot())
            : 0.5 * IncompleteBeta.regularized(df / (df + t * t), a: df / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| >= |t|): the two-sided p-value of an observed t.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !t.isNaN, !df.isNaN else { return .nan }
        if t.isInfinite { return 0 }
        if df.isInfinite { return erfc(abs(t) / 2.0.squareRoot()) }
        // Computed directly rather than as 2 (1 - cdf), which loses every digit of a small p.
        return IncompleteBeta.regularized(df / (df + t * t), a: df / 2, b: 0.5)
    }

    /// The t with P(T <= t) = p, for p in (0, 1): the distribution inverted by bisection, which
    /// cannot diverge and reaches full Double precision in a few hundred steps.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, p > 0, p < 1, !df.isNaN else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        // Bisection on the upper tail 1 - p, which keeps its digits when p is close to 1.
        let q = 1 - p
        func tail(_ t: Double) -> Double { twoSidedPValue(t, degreesOfFreedom: df) / 2 }
        var low = 0.0, high = 1.0
        while tail(high) > q {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid == low || mid == high { break }
            if tail(mid) > q { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}
