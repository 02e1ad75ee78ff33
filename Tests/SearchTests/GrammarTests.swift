import Activations
import Testing
@testable import Search

@Suite struct GrammarTests {
    /// Two unaries and two binaries: b(u1(x), u2(x)) has 2 * 2 * 2 = 8 forms, listed by hand,
    /// and b2(u3(core), u4(x)) has 8 cores times 8 outer choices.
    @Test func smallGrammarMatchesAHandCount() {
        let g = Grammar(unaries: [.identity, .negate], binaries: [.add, .multiply])
        #expect(g.oneUnitCount == 8)
        #expect(g.twoUnitCount == 64)
        #expect(g.count == 72)
        let one = Set((0..<g.oneUnitCount).map { g.tree(at: $0).description })
        #expect(one == ["x + x", "-x + x", "x + (-x)", "-x + (-x)", "x * x", "-x * x", "x * (-x)", "-x * (-x)"])
        let two = Set((g.oneUnitCount..<g.count).map { g.tree(at: $0).description })
        #expect(two.count == 64)
        #expect(two.contains("-(x * (-x)) + x"))
        #expect(g.structure(at: g.oneUnitCount).units == 2)
    }

    @Test func paperGrammarSize() {
        let g = Grammar()
        #expect(g.unaries.count == 17 && g.binaries.count == 7)
        #expect(g.oneUnitCount == 17 * 17 * 7)
        #expect(g.twoUnitCount == g.oneUnitCount * g.oneUnitCount)
    }

    @Test func swishIsInTheOneUnitSpace() throws {
        let g = Grammar()
        let swish = try Candidate("x * sigmoid(x)").fingerprint
        let matches = (0..<g.oneUnitCount).filter { Candidate(tree: g.tree(at: $0)).fingerprint == swish }
        #expect(matches.count >= 2, "x1*x2(x, sigmoid), x1*x2(sigmoid, x), sigmoid(x1)*x2(x, x)")
        #expect(matches.contains { g.structure(at: $0).takesXDirectly })
    }

    /// The unit built for beta * x and the clipped exp read back through the parser unchanged.
    @Test func unitsPrintAsParsableExpressions() throws {
        for u in SearchUnary.paperSet {
            let tree = u(.variable)
            #expect(try ExpressionTree.parse(tree.description) == tree, "\(u.name)")
        }
        #expect(SearchUnary.exp(.variable).evaluate(at: 50.0) == SearchUnary.exp(.variable).evaluate(at: 10.0))
    }

    @Test func atanDerivativeMatchesTheHandForm() throws {
        let a = try ExpressionActivation("atan(x)")
        for x in [-2.0, 0.0, 0.5, 3.0] {
            #expect(abs(a.derivative(x) - 1 / (1 + x * x)) < 1e-12)
        }
    }
}
