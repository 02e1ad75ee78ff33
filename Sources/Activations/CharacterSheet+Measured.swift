import Foundation

extension CharacterSheet {
    /// A sheet measured from the Double forms, for the learnable functions whose extremes have no
    /// closed form over all their parameters (pau, acon_c). `leftSlope` and `rightSlope` are the
    /// limits of f' at -inf and +inf, which decide the unbounded ends; extremes and the largest
    /// |f'| are found on a fine grid over [-64, 64] and refined by golden-section search.
    static func measured(value f: (Double) -> Double, derivative g: (Double) -> Double, leftSlope: Double, rightSlope: Double,
                         zeroCentred: Bool, smooth: Bool, usesExp: Bool) -> CharacterSheet {
        let h = 1.0 / 128
        let xs = stride(from: -64.0, through: 64.0, by: h).map { $0 }
        func refine(_ score: (Double) -> Double, around x: Double) -> Double {
            var (a, b) = (x - h, x + h)
            let r = (5.0.squareRoot() - 1) / 2
            for _ in 0..<80 {
                let c = b - r * (b - a), d = a + r * (b - a)
                if score(c) > score(d) { b = d } else { a = c }
            }
            return max(score((a + b) / 2), score(x))
        }
        func extreme(_ score: (Double) -> Double) -> Double {
            let best = xs.max { score($0) < score($1) }!
            return refine(score, around: best)
        }
        let far = [-1e8, -1e4, 1e4, 1e8].map(f)
        let lower = leftSlope > 0 || rightSlope < 0 ? -Double.infinity : min(-extreme { -f($0) }, far.min()!)
        let upper = leftSlope < 0 || rightSlope > 0 ? Double.infinity : max(extreme(f), far.max()!)
        let slopes = xs.map(g)
        let rising = slopes.allSatisfy { $0 >= -1e-12 } && leftSlope >= 0 && rightSlope >= 0
        let falling = slopes.allSatisfy { $0 <= 1e-12 } && leftSlope <= 0 && rightSlope <= 0
        let steepest = max(extreme { abs(g($0)) }, abs(leftSlope), abs(rightSlope))
        return CharacterSheet(range: (lower, upper), zeroCentred: zeroCentred, monotonic: rising || falling, smooth: smooth,
                              saturating: leftSlope == 0 && rightSlope == 0, usesExp: usesExp, maxDerivative: steepest)
    }

    /// E[f(Z)] for Z ~ N(0, 1), by the midpoint rule over [-12, 12] (the tails beyond add under 1e-30 times f's growth).
    static func normalMean(_ f: (Double) -> Double) -> Double {
        let h = 1e-3
        var sum = 0.0
        for i in 0..<12_000 {
            let x = (Double(i) + 0.5) * h
            sum += (f(x) + f(-x)) * Foundation.exp(-x * x / 2)
        }
        return sum * h / (2 * Double.pi).squareRoot()
    }
}
