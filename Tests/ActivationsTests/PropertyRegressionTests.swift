import Testing
@testable import Activations

/// Inputs the property tests drew on one run and failed on, kept as fixed cases.
@Suite struct PropertyRegressionTests {
    /// 1e14 + x rounds x +- h away, so finite differences see a flat function: no "internal error".
    @Test func roundedAwayArgumentsAreNotADerivativeBug() throws {
        let f = try Activation.named("cos(100000000000000 + x)")
        #expect(f.value(0.5).isFinite)
    }

    /// The same absorption next to a term that does move (CI, 2026-11-29): the quotient says 1 at
    /// x = -2.9899 at both steps while cos(a) + 1 is 1.93; neither is wrong, so it builds.
    @Test func absorbedTermBesideAMovingOneIsNotADerivativeBug() throws {
        let f = try Activation.named("sin(100000000000000 + x) + x")
        #expect(f.value(0.5).isFinite)
        // Only what moves with x carries error into the quotient: a large constant factor does not.
        #expect(ExpressionCheck.roundingError(try ExpressionTree.parse("sin(100000000000000 + x) + x"), at: 1) > 1e-3)
        #expect(ExpressionCheck.roundingError(try ExpressionTree.parse("exp(100000000000000 * 0.000000000000001 * x)"), at: 1) < 1e-14)
    }

    /// (x/x)^1e14 is exactly 1, but its derivative's text multiplies the rounding error of
    /// 1/x - x/x^2 by 1e14: the derivative's evaluation is the noisy side (CI, 2026-11-29).
    @Test func amplifiedRoundingInTheDerivativeIsNotADerivativeBug() throws {
        let f = try Activation.named("(x / x) ^ 100000000000000 + x")
        #expect(f.value(0.5) == 1.5)
    }

    /// Cancellation inside, then amplified: the inner sum is 2.5e-7 x computed as -x + 1.00000025 x,
    /// whose rounding error 1e14 multiplies to about 0.03 in f (CI, 2026-11-29).
    @Test func amplifiedCancellationIsNotADerivativeBug() throws {
        let f = try Activation.named("x + x + (100000000000000 * (x - x - x + (2.5e-07 * x + x)) + x)")
        #expect(f.value(0.5).isFinite)
    }

    /// p1 - p2 past Float's range made every Float value NaN; it is refused, and the Double form stays finite.
    @Test func aconDifferencePastFloatIsRefused() throws {
        #expect(throws: ActivationError.self) {
            try Activation.named("acon_c", parameters: ["p1": 3.4e38, "p2": -3.4e38, "beta": 1])
        }
        let f = try Activation.named("acon_c", parameters: ["p1": 3.4e38, "p2": 0, "beta": 3.4e38])
        #expect(f.value(-20).isFinite)
    }
}
