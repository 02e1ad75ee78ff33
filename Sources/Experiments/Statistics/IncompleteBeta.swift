import Foundation

/// The regularised incomplete beta function I_x(a, b), the distribution function behind
/// Student's t (and so behind every p-value and interval in `Statistics`).
public enum IncompleteBeta {
    /// I_x(a, b) for a, b > 0 and x in [0, 1]; NaN outside that domain.
    public static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1, a.isFinite, b.isFinite else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        let logFront = a * log(x) + b * log1p(-x) - logBeta(a, b)
        // The continued fraction converges fast only below the mean a / (a + b); above it the
        // symmetry I_x(a, b) = 1 - I_{1-x}(b, a) moves the argument there.
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a, b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b
    }

    static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgammaPositive(a) + lgammaPositive(b) - lgammaPositive(a + b)
    }

    /// log Γ(x) for x > 0 (Γ is positive there, so the sign glibc's lgamma stores is not needed).
    static func lgammaPositive(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// The continued fraction for I_x(a, b) by the modified Lentz method (Numerical Recipes' betacf).
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, epsilon = 1e-15
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
