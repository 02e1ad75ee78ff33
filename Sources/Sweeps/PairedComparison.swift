import Experiments
import Foundation

/// One activation against the baseline on one metric, run by run over the seeds both have with
/// otherwise identical settings: the paired t-test on the differences, Holm-adjusted over every
/// comparison of the collection. Pairing removes what a seed does to both (the same initial
/// weights' luck), so it sees smaller differences than comparing the two groups' means.
public struct PairedComparison: Codable, Sendable, Equatable {
    public var activation: String
    public var baseline: String
    /// The varied parameters' values both groups share (`learning_rate` -> `0.01`).
    public var parameters: [String: String]
    public var metric: String
    /// Seeds run with both activations.
    public var pairs: Int
    /// Mean of (activation - baseline) over the pairs.
    public var meanDifference: Double
    /// Student-t 95% interval of the mean difference (NaN ends below two pairs).
    public var lower95: Double
    public var upper95: Double
    public var t: Double
    public var pValue: Double
    public var adjustedPValue: Double
    public var distinguishable: Bool
    public var verdict: String

    /// The test of `values` against `baseline`, both keyed by seed; Holm's adjustment is left to the caller.
    public static func test(activation: String, values: [UInt64: Double], baseline: String, baselineValues: [UInt64: Double],
                            parameters: [String: String], metric: String) -> PairedComparison {
        let seeds = values.keys.filter { baselineValues[$0] != nil }.sorted()
        let differences = seeds.map { values[$0]! - baselineValues[$0]! }
        let s = Statistics.summary(differences)
        var t = Double.nan, p = Double.nan
        if differences.count > 1 {
            if s.standardDeviation > 0 {
                t = s.mean / (s.standardDeviation / Double(differences.count).squareRoot())
                p = StudentT.twoSidedPValue(t, degreesOfFreedom: Double(differences.count - 1))
            } else if s.standardDeviation == 0 {
                // Every pair differs by the same amount: certain if that amount is not zero.
                (t, p) = s.mean == 0 ? (0, 1) : (s.mean > 0 ? .infinity : -.infinity, 0)
            }
        }
        let ci = s.confidenceInterval95
        return PairedComparison(activation: activation, baseline: baseline, parameters: parameters, metric: metric,
                                pairs: differences.count, meanDifference: s.mean,
                                lower95: ci.lowerBound.isFinite ? ci.lowerBound : .nan, upper95: ci.upperBound.isFinite ? ci.upperBound : .nan,
                                t: t, pValue: p, adjustedPValue: p, distinguishable: false, verdict: "")
    }

    /// Sets the adjusted p-values (Holm over all of `comparisons`) and the verdicts at `alpha`.
    public static func adjust(_ comparisons: inout [PairedComparison], alpha: Double = 0.05) {
        let adjusted = Statistics.holm(comparisons.map(\.pValue))
        for i in comparisons.indices {
            var c = comparisons[i]
            c.adjustedPValue = adjusted[i]
            c.distinguishable = adjusted[i] < alpha
            let setting = c.parameters.keys.sorted().map { "\($0)=\(c.parameters[$0]!)" }.joined(separator: " ")
            var v = "\(c.activation) vs \(c.baseline)\(setting.isEmpty ? "" : " (\(setting))"): \(c.metric) "
            v += String(format: "%+.4f", c.meanDifference)
            if c.lower95.isFinite, c.upper95.isFinite { v += String(format: " [%+.4f, %+.4f]", c.lower95, c.upper95) }
            if c.pairs < 2 {
                v += ", \(c.pairs) paired seed\(c.pairs == 1 ? "" : "s"): a test needs at least 2"
            } else if c.distinguishable {
                v += ", \(c.meanDifference > 0 ? "higher" : "lower") (\(pText(adjusted[i])), paired t over \(c.pairs) seeds, Holm-adjusted)"
            } else {
                v += ", not distinguishable (\(pText(adjusted[i])), paired t over \(c.pairs) seeds, Holm-adjusted)"
            }
            c.verdict = v
            comparisons[i] = c
        }
    }

    static func pText(_ p: Double) -> String {
        p.isNaN ? "p undefined" : p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", p)
    }
}
