import Activations
import Foundation
import Testing

/// Every claim on every character sheet, checked by sampling the Double form.
struct CharacterSheetTests {
    static let samples: [Double] = {
        var xs = stride(from: -20.0, through: 20.0, by: 1.0 / 256).map { $0 }
        for e in stride(from: -3.0, through: 4.0, by: 0.05) { xs += [pow(10, e), -pow(10, e)] }
        return spaced(xs)
    }()

    /// Sorted, without points closer than 1e-9 (their secants would only measure rounding).
    static func spaced(_ xs: [Double]) -> [Double] {
        var out = [Double]()
        for x in xs.sorted() where out.last.map({ x - $0 > 1e-9 }) ?? true { out.append(x) }
        return out
    }

    /// The samples plus points just beside each kink, so one-sided limits are seen.
    static func samples(for f: any ActivationFunction) -> [Double] {
        spaced(samples + f.kinks.flatMap { k in [1e-7, 1e-6, 1e-5].flatMap { [k - $0, k + $0] } + [k] })
    }

    @Test(arguments: Case.all)
    func outputRangeIsTightAndRespected(_ c: Case) {
        let f = c.function, sheet = f.characterSheet
        let ys = Self.samples(for: f).map(f.value)
        let lo = ys.min()!, hi = ys.max()!
        #expect(lo >= sheet.lower - 1e-9 * max(1, abs(sheet.lower)), "\(c.testDescription): f reaches \(lo) below \(sheet.lower)")
        #expect(hi <= sheet.upper + 1e-9 * max(1, abs(sheet.upper)), "\(c.testDescription): f reaches \(hi) above \(sheet.upper)")
        #expect(sheet.lower.isInfinite ? lo < -50 : abs(lo - sheet.lower) < 1e-3 * max(1, abs(sheet.lower)),
                "\(c.testDescription): inf f = \(sheet.lower) claimed, sampled minimum \(lo)")
        #expect(sheet.upper.isInfinite ? hi > 50 : abs(hi - sheet.upper) < 1e-3 * max(1, abs(sheet.upper)),
                "\(c.testDescription): sup f = \(sheet.upper) claimed, sampled maximum \(hi)")
    }

    @Test(arguments: Case.all)
    func zeroCentredMeansZeroMeanUnderAStandardNormal(_ c: Case) {
        let f = c.function
        let h = 1e-3
        // Midpoints placed symmetrically, so an odd function sums to exactly 0.
        let mean = (0..<12_000).reduce(0.0) { sum, i in
            let x = (Double(i) + 0.5) * h
            return sum + (f.value(x) + f.value(-x)) * Foundation.exp(-x * x / 2)
        } * h / (2 * Double.pi).squareRoot()
        if f.characterSheet.zeroCentred {
            #expect(abs(mean) < 1e-5, "\(c.testDescription): claimed zero-centred, E[f(Z)] = \(mean)")
        } else {
            #expect(abs(mean) > 1e-3, "\(c.testDescription): claimed not zero-centred, E[f(Z)] = \(mean)")
        }
    }

    @Test(arguments: Case.all)
    func monotonicityMatchesSamples(_ c: Case) {
        let f = c.function
        let ys = Self.samples(for: f).map(f.value).filter(\.isFinite)
        let steps = zip(ys, ys.dropFirst()).map { $1 - $0 }
        let rising = steps.allSatisfy { $0 >= -1e-12 }, falling = steps.allSatisfy { $0 <= 1e-12 }
        #expect(f.characterSheet.monotonic == (rising || falling), "\(c.testDescription): rising \(rising), falling \(falling)")
    }

    @Test(arguments: Case.all)
    func smoothnessMatchesSecondDifferences(_ c: Case) {
        let f = c.function
        let h = 1e-3
        // A slope jump J shows as a second difference of at least J h / 2; a C1 function's is f'' h^2.
        var worst = 0.0
        for x in stride(from: -10.0, through: 10.0, by: h) {
            // Relative to the local size, so e^x's large but smooth curvature does not count.
            worst = max(worst, abs(f.value(x + h) - 2 * f.value(x) + f.value(x - h)) / h / max(1, abs(f.value(x))))
        }
        #expect(f.characterSheet.smooth == (worst < 0.02), "\(c.testDescription): largest second difference / h = \(worst)")
        #expect(f.characterSheet.smooth == f.kinks.isEmpty, "\(c.testDescription): smooth with kinks \(f.kinks)")
        for k in f.kinks {
            let d = 1e-6
            let right = (f.value(k + 2 * d) - f.value(k + d)) / d, left = (f.value(k - d) - f.value(k - 2 * d)) / d
            let jump = abs(f.value(k + d) - f.value(k - d))
            #expect(abs(right - left) > 1e-3 || jump > 1e-3, "\(c.testDescription): no kink at \(k) (slopes \(left), \(right))")
        }
    }

    @Test(arguments: Case.all)
    func saturationMeansVanishingSlopeOnBothSides(_ c: Case) {
        let f = c.function
        let slopes = [-1e4, 1e4].map { (f.value($0 + 1) - f.value($0 - 1)) / 2 }
        if f.characterSheet.saturating {
            #expect(slopes.allSatisfy { abs($0) < 1e-6 }, "\(c.testDescription): slopes at -+1e4: \(slopes)")
        } else {
            #expect(slopes.contains { !(abs($0) <= 1e-3) }, "\(c.testDescription): slopes at -+1e4: \(slopes)")
        }
    }

    @Test(arguments: Case.all)
    func maxDerivativeIsTheSampledSupremum(_ c: Case) {
        let f = c.function
        let xs = Self.samples(for: f)
        var best = 0.0
        for (a, b) in zip(xs, xs.dropFirst()) where !f.kinks.contains(where: { $0 >= a && $0 <= b }) {
            let fa = f.value(a), fb = f.value(b)
            if fa.isFinite && fb.isFinite { best = max(best, abs(fb - fa) / (b - a)) }
        }
        let claimed = f.characterSheet.maxDerivative
        if claimed.isInfinite {
            // The samples reach 1e4, where a quadratic's secant slope is 2e4 and e^x's is astronomical.
            #expect(best > 1e4, "\(c.testDescription): claimed unbounded slope, sampled \(best)")
        } else {
            #expect(best <= claimed * (1 + 1e-6), "\(c.testDescription): secant slope \(best) above the claimed \(claimed)")
            #expect(best >= claimed * (1 - 1e-3), "\(c.testDescription): claimed \(claimed), sampled only \(best)")
        }
    }

    @Test(arguments: Case.all)
    func usesExpAgreesWithTheFormula(_ c: Case) {
        // The sheet's cost claim must agree with the formula shown next to it.
        let f = c.function
        let transcendental = ["e^", "exp", "log", "tanh", "erf", "sigmoid", "softplus", "softmax"].contains { f.formula.contains($0) }
        #expect(f.characterSheet.usesExp == transcendental, "\(c.testDescription): formula '\(f.formula)'")
    }
}

extension CharacterSheetTests {
    /// Ends that are only approached print open, ends that are reached closed.
    @Test func rangeEndsAreOpenWhereOnlyApproached() {
        #expect(Sigmoid().rangeText == "(0, 1)")
        #expect(Tanh().rangeText == "(-1, 1)")
        #expect(Softsign().rangeText == "(-1, 1)")
        #expect(ELU().rangeText == "(-1, inf)")
        #expect(Squareplus().rangeText == "(0, inf)")
        #expect(ReLU().rangeText == "[0, inf)")
        #expect(HardSigmoid().rangeText == "[0, 1]")
        #expect(GELU().rangeText == "[-0.17, inf)")
        #expect(Linear().rangeText == "(-inf, inf)")
    }
}
