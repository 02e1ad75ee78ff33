import Foundation

/// Honest comparisons of repeated runs: summaries with Student-t intervals, Welch's t-test,
/// Holm's correction for testing many pairs at once, and plain-language verdicts.
public enum Statistics {
    /// Count, mean, sample standard deviation, quartiles, extremes and the 95% Student-t interval of `values`.
    public static func summary(_ values: [Double]) -> SampleSummary {
        let n = values.count
        guard n > 0 else {
            return SampleSummary(count: 0, mean: .nan, standardDeviation: .nan, median: .nan, lowerQuartile: .nan,
                                 upperQuartile: .nan, min: .nan, max: .nan, confidenceInterval95: -.infinity ... .infinity)
        }
        let mean = values.reduce(0, +) / Double(n)
        let sd = n > 1 ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot() : .nan
        let sorted = values.sorted()
        var interval: ClosedRange<Double> = -.infinity ... .infinity
        if n > 1 {
            let half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
            if mean.isFinite, half.isFinite { interval = (mean - half)...(mean + half) }
        }
        return SampleSummary(count: n, mean: mean, standardDeviation: sd, median: quantile(sorted, 0.5),
                             lowerQuartile: quantile(sorted, 0.25), upperQuartile: quantile(sorted, 0.75),
                             min: sorted[0], max: sorted[n - 1], confidenceInterval95: interval)
    }

    /// The q-quantile of ascending `sorted`, linear between neighbouring order statistics.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = Swift.min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + (sorted[high] - sorted[low]) * fraction
    }

    /// Welch's unequal-variance t-test of mean(a) = mean(b): t, the Welch-Satterthwaite degrees of
    /// freedom and the two-sided p-value (scipy's `ttest_ind(a, b, equal_var=False)`).
    /// Fewer than two values in either group give NaN throughout. Two constant groups, where the
    /// formula divides by zero, give t = 0 and p = 1 when their values are equal and t = ±infinity
    /// and p = 0 when they differ: without any spread a difference is certain.
    public static func welchTTest(_ a: [Double], _ b: [Double]) -> (t: Double, degreesOfFreedom: Double, pValue: Double) {
        guard a.count > 1, b.count > 1 else { return (.nan, .nan, .nan) }
        let sa = summary(a), sb = summary(b)
        let na = Double(a.count), nb = Double(b.count)
        let va = sa.standardDeviation * sa.standardDeviation / na
        let vb = sb.standardDeviation * sb.standardDeviation / nb
        let difference = sa.mean - sb.mean
        guard va + vb > 0 else {
            let df = na + nb - 2
            if difference == 0 { return (0, df, 1) }
            return (difference > 0 ? .infinity : -.infinity, df, 0)
        }
        let t = difference / (va + vb).squareRoot()
        let df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1))
        return (t, df, StudentT.twoSidedPValue(t, degreesOfFreedom: df))
    }

    /// Holm's step-down adjustment: the i-th smallest of m p-values becomes the running maximum of
    /// (m - i + 1) p, capped at 1, and is returned in the input's order. It controls the chance of
    /// any false "distinguishable" among all pairs at alpha. A NaN p-value stays NaN and counts as 1.
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0].isNaN ? 2 : pValues[$0]) < (pValues[$1].isNaN ? 2 : pValues[$1]) }
        var adjusted = [Double](repeating: .nan, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            let p = pValues[index].isNaN ? 1 : pValues[index]
            running = Swift.max(running, Swift.min(1, Double(m - rank) * p))
            adjusted[index] = pValues[index].isNaN ? .nan : running
        }
        return adjusted
    }

    /// Every pair of `groups` (in their order: first with second, first with third, ...) tested
    /// with Welch's t-test, Holm-adjusted over all the pairs, with a verdict at `alpha`.
    public static func pairwiseComparison(_ groups: [(name: String, values: [Double])], alpha: Double = 0.05) -> [PairVerdict] {
        precondition(alpha > 0 && alpha < 1, "alpha must lie in (0, 1), got \(alpha)")
        var pairs = [(Int, Int)]()
        for i in groups.indices { for j in groups.indices where j > i { pairs.append((i, j)) } }
        let tests = pairs.map { welchTTest(groups[$0.0].values, groups[$0.1].values) }
        let adjusted = holm(tests.map(\.pValue))
        return zip(pairs, zip(tests, adjusted)).map { pair, result in
            let (test, p) = result
            let a = groups[pair.0], b = groups[pair.1]
            let difference = summary(a.values).mean - summary(b.values).mean
            let distinguishable = p < alpha
            let counts = a.values.count == b.values.count ? "\(a.values.count)" : "\(a.values.count) and \(b.values.count)"
            var verdict = "\(a.name) vs \(b.name): "
            if distinguishable {
                verdict += "\(difference > 0 ? a.name : b.name) higher (\(pText(p)), Holm-adjusted)"
            } else {
                verdict += "not distinguishable at N = \(counts)"
                if p.isNaN { verdict += " (a test needs at least 2 runs of each)" }
            }
            return PairVerdict(first: a.name, second: b.name, meanDifference: difference, t: test.t,
                               degreesOfFreedom: test.degreesOfFreedom, pValue: test.pValue, adjustedPValue: p,
                               distinguishable: distinguishable, verdict: verdict)
        }
    }

    /// "p = 0.003", or "p < 0.001" where three decimals would round to zero.
    static func pText(_ p: Double) -> String {
        p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
    }
}
