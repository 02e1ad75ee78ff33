import Foundation
import Testing
@testable import Experiments

/// Golden values below were computed once with scipy 1.17 (`stats.t.ppf`, `stats.ttest_ind(equal_var=False)`).
@Suite struct StatisticsTests {
    @Test func tQuantilesMatchPublishedTables() {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 4) - 2.7764451051977934) < 1e-9)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 9) - 2.262157162798205) < 1e-9)
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: 29) - 2.045229642132703) < 1e-9)
        #expect(abs(StudentT.quantile(0.995, degreesOfFreedom: 2.5) - 7.163728138948783) < 1e-7)
        #expect(abs(StudentT.quantile(0.9999999, degreesOfFreedom: 3) / 222.57159098625124 - 1) < 1e-7)
        #expect(abs(StudentT.quantile(0.025, degreesOfFreedom: 4) + 2.7764451051977934) < 1e-9)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
    }

    @Test func tDistributionIsTheCauchyAtOneDegreeOfFreedom() {
        // With one degree of freedom t is Cauchy: P(T <= x) = 1/2 + atan(x)/pi, an independent closed form.
        for x in [-30.0, -2, -0.4, 0.1, 1, 7.5] {
            #expect(abs(StudentT.cdf(x, degreesOfFreedom: 1) - (0.5 + atan(x) / Double.pi)) < 1e-12)
        }
        #expect(abs(StudentT.cdf(-1.3, degreesOfFreedom: 7.3) - 0.11657077503308287) < 1e-10)
    }

    @Test func summaryByHand() {
        let s = Statistics.summary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.count == 8)
        #expect(s.mean == 5)
        // Squared deviations sum to 32; 32 / 7.
        #expect(abs(s.standardDeviation - (32.0 / 7).squareRoot()) < 1e-12)
        #expect(s.median == 4.5)
        #expect(s.lowerQuartile == 4)  // position 1.75 between 4 and 4
        #expect(s.upperQuartile == 5.5) // position 5.25: 5 + 0.25 * 2
        #expect(s.min == 2 && s.max == 9)
        let half = 2.3646242515927849 * (32.0 / 7).squareRoot() / 8.0.squareRoot() // t(0.975, 7)
        #expect(abs(s.confidenceInterval95.lowerBound - (5 - half)) < 1e-9)
        #expect(abs(s.confidenceInterval95.upperBound - (5 + half)) < 1e-9)
    }

    @Test func summaryOfTooFewValuesClaimsNothing() {
        let one = Statistics.summary([0.9])
        #expect(one.mean == 0.9 && one.median == 0.9 && one.standardDeviation.isNaN)
        #expect(one.confidenceInterval95 == -Double.infinity ... Double.infinity)
        let none = Statistics.summary([])
        #expect(none.count == 0 && none.mean.isNaN)
        let bad = Statistics.summary([1, .nan, 3])
        #expect(bad.confidenceInterval95 == -Double.infinity ... Double.infinity)
    }

    @Test func welchMatchesScipy() {
        let r = Statistics.welchTTest([0.912, 0.905, 0.921, 0.899, 0.915], [0.881, 0.902, 0.870, 0.889, 0.895, 0.878])
        #expect(abs(r.t - 3.9964147830566357) < 1e-9)
        #expect(abs(r.degreesOfFreedom - 8.895559257222871) < 1e-9)
        #expect(abs(r.pValue - 0.003201718014148734) < 1e-10)
        let s = Statistics.welchTTest([1, 2, 3, 4], [2.5, 3.1, 4.8, 5.0, 6.2, 1.9, 4.4])
        #expect(abs(s.t + 1.7126061942251158) < 1e-9)
        #expect(abs(s.degreesOfFreedom - 7.386602823108532) < 1e-9)
        #expect(abs(s.pValue - 0.12826826704176197) < 1e-10)
    }

    @Test func welchEdgeCases() {
        #expect(Statistics.welchTTest([1], [1, 2]).pValue.isNaN)
        let same = Statistics.welchTTest([0.5, 0.5], [0.5, 0.5, 0.5])
        #expect(same.t == 0 && same.pValue == 1)
        let apart = Statistics.welchTTest([0.9, 0.9], [0.5, 0.5])
        #expect(apart.t == .infinity && apart.pValue == 0)
    }

    @Test func holmByHand() {
        // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max 0.06.
        let adjusted = Statistics.holm([0.01, 0.04, 0.03, 0.005])
        for (a, e) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) { #expect(abs(a - e) < 1e-12) }
        #expect(Statistics.holm([0.5, 0.9]) == [1, 1])
        #expect(Statistics.holm([]) == [])
        let withNaN = Statistics.holm([0.01, .nan])
        #expect(withNaN[0] == 0.02 && withNaN[1].isNaN)
    }

    @Test func verdictsReadPlainly() {
        let groups: [(name: String, values: [Double])] = [
            ("relu", [0.912, 0.905, 0.921, 0.899, 0.915]),
            ("tanh", [0.881, 0.902, 0.870, 0.889, 0.895]),
            ("elu", [0.910, 0.901, 0.918, 0.897, 0.917]),
        ]
        let v = Statistics.pairwiseComparison(groups)
        #expect(v.map { "\($0.first)-\($0.second)" } == ["relu-tanh", "relu-elu", "tanh-elu"])
        #expect(v[0].distinguishable && v[0].verdict.hasPrefix("relu vs tanh: relu higher (p = 0.0"))
        #expect(v[0].verdict.hasSuffix(", Holm-adjusted)"))
        #expect(v[1].verdict == "relu vs elu: not distinguishable at N = 5")
        #expect(v[2].verdict.hasPrefix("tanh vs elu: elu higher"))
        let raw = v.map(\.pValue)
        #expect(v.map(\.adjustedPValue) == Statistics.holm(raw))
        let uneven = Statistics.pairwiseComparison([("a", [1, 2, 3]), ("b", [1, 2])])
        #expect(uneven[0].verdict == "a vs b: not distinguishable at N = 3 and 2")
        let single = Statistics.pairwiseComparison([("a", [1]), ("b", [2])])
        #expect(single[0].verdict == "a vs b: not distinguishable at N = 1 (a test needs at least 2 runs of each)")
    }

    @Test func summariesAndVerdictsRoundTripThroughJSON() throws {
        let values: [SampleSummary] = [Statistics.summary([1, 2, 4]), Statistics.summary([3])]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([SampleSummary].self, from: data) == values)
        let verdicts = Statistics.pairwiseComparison([("a", [1, 1]), ("b", [2, 2]), ("c", [5])])
        #expect(try JSONDecoder().decode([PairVerdict].self, from: JSONEncoder().encode(verdicts)).map(\.verdict) == verdicts.map(\.verdict))
    }
}
