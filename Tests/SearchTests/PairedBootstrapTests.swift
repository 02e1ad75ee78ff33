@testable import Experiments
import Testing

@Suite struct PairedBootstrapTests {
    @Test func constantDifferenceHasAPointInterval() {
        let b = PairedBootstrap([3, 4, 5, 6], [2, 3, 4, 5], seed: 1)
        #expect(b.meanDifference == 1 && b.lower == 1 && b.upper == 1)
        #expect(b.excludesZero)
    }

    /// The interval sits inside the range of the differences, around their mean, and is the
    /// same for the same seed.
    @Test func intervalIsSeededAndPlausible() {
        let a: [Double] = [0.91, 0.93, 0.90, 0.95, 0.92, 0.94, 0.90, 0.93, 0.92, 0.96]
        let b: [Double] = [0.90, 0.90, 0.91, 0.92, 0.90, 0.91, 0.89, 0.92, 0.91, 0.93]
        let x = PairedBootstrap(a, b, seed: 3), y = PairedBootstrap(a, b, seed: 3)
        #expect(x == y)
        #expect(abs(x.meanDifference - 0.017) < 1e-12)
        #expect(x.lower > -0.01 && x.lower < x.meanDifference && x.upper > x.meanDifference && x.upper < 0.03)
        #expect(x.excludesZero)
        let same = PairedBootstrap(a, a.reversed(), seed: 3)
        #expect(!same.excludesZero)
    }

    @Test func quantileInterpolatesLikeNumpy() {
        #expect(PairedBootstrap.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(PairedBootstrap.quantile([1, 2, 3, 4], 1) == 4)
    }
}
