import Activations
import Testing
@testable import Search

@Suite struct CandidateTests {
    /// Two spellings of swish are one candidate; the shorter text is the one kept.
    @Test func equivalentFormsDeduplicate() throws {
        let a = try Candidate("x * (1 + tanh(x / 2)) / 2")
        let b = try Candidate("x * sigmoid(x)")
        let c = try Candidate("x * sigmoid(2 * x)")
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        let kept = Candidate.deduplicated([a, b, c])
        #expect(kept.map(\.expression) == ["x * sigmoid(x)", "x * sigmoid(2 * x)"])
        #expect(try Candidate("max(x, 0)").fingerprint == Candidate("relu(x)").fingerprint)
    }

    @Test func poolKeepsOneCandidatePerFingerprint() {
        let pool = CandidatePool(grammar: Grammar(), target: 2100, seed: 1)
        #expect(pool.candidates.count == 2100)
        #expect(Set(pool.candidates.map(\.fingerprint)).count == 2100)
        #expect(pool.duplicates > 0)
        #expect(pool.enumerated == 2100 + pool.duplicates + pool.rejected.values.reduce(0, +))
        #expect(pool.candidates.contains { $0.structure?.units == 2 })
    }

    @Test func filterRejectsUnusableCandidates() throws {
        let f = CandidateFilter()
        #expect(f.rejection(of: try Candidate("x - x")) == .constant)
        #expect(f.rejection(of: try Candidate("sin(x) ^ 2 + cos(x) ^ 2")) == .constant)
        #expect(f.rejection(of: try Candidate("log(x)")) == .nonFinite)
        #expect(f.rejection(of: try Candidate("exp(x ^ 3)")) == .nonFinite)
        #expect(f.rejection(of: try Candidate("relu(x - 5)")) == .vanishingDerivative)
        #expect(f.rejection(of: try Candidate("step(x) + 1")) == .vanishingDerivative)
        #expect(f.rejection(of: try Candidate("x * sigmoid(x)")) == nil)
        #expect(f.rejection(of: try Candidate("relu(x)")) == nil)
    }

    /// Same grammar and seed, same candidates in the same order; another seed draws other two-unit ones.
    @Test func poolIsDeterministicForASeed() {
        let g = Grammar(unaries: [.identity, .sigmoid, .tanh, .square], binaries: [.add, .multiply])
        let a = CandidatePool(grammar: g, target: 150, seed: 7).candidates.map(\.expression)
        let b = CandidatePool(grammar: g, target: 150, seed: 7).candidates.map(\.expression)
        let c = CandidatePool(grammar: g, target: 150, seed: 8).candidates.map(\.expression)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func knownFormsAreNamed() throws {
        #expect(KnownForm.name(of: try ExpressionTree.parse("sigmoid(x) * x")) == "swish (silu)")
        #expect(KnownForm.name(of: try ExpressionTree.parse("max(x, 0)")) == "relu")
        let beta = try #require(KnownForm.swish(try ExpressionTree.parse("x * sigmoid(2 * x)")))
        #expect(abs(beta.beta - 2) < 1e-3 && abs(beta.c - 1) < 1e-3)
        let scaled = try #require(KnownForm.swish(try ExpressionTree.parse("x * (1 + tanh(x))")))
        #expect(abs(scaled.beta - 2) < 1e-3 && abs(scaled.c - 2) < 1e-3)
        #expect(KnownForm.swish(try ExpressionTree.parse("x * tanh(x)")) == nil)
        #expect(KnownForm.swish(try ExpressionTree.parse("x * sigmoid(-x)")) == nil, "x - swish(x): not a rescaled swish")
        #expect(KnownForm.name(of: try ExpressionTree.parse("sigmoid(2 * x) * (-x)")) == "-1 * x * sigmoid(2 * x)")
        #expect(KnownForm.name(of: try ExpressionTree.parse("2 * x * sigmoid(x)")) == "2 * x * sigmoid(x)")
    }
}

@Suite struct CompiledExpressionTests {
    /// The closures compute what the tree computes, values and derivatives, over a slice of the
    /// grammar that covers every unit (to rounding: sin(x^5) magnifies a difference in the last
    /// bit of x^5), and the derivative matches finite differences.
    @Test func compiledMatchesTheTree() throws {
        let g = Grammar()
        let xs: [Float] = stride(from: -5.9, through: 5.9, by: 0.37).map { Float($0) }
        var checked = 0
        for i in stride(from: 0, to: g.count, by: g.count / 3000) {
            guard let e = try? ExpressionActivation(tree: g.tree(at: i)) else { continue }
            let c = CompiledExpression(e)
            #expect(c.id == e.id)
            for x in xs {
                let (a, b) = (c.value(x), e.value(x))
                let (da, db) = (c.derivative(x: x, y: a), e.derivative(x: x, y: b))
                if a.isFinite || b.isFinite { #expect(abs(a - b) <= 1e-4 * (1 + abs(b)), "\(e.id) at \(x): \(a) vs \(b)") }
                if da.isFinite || db.isFinite { #expect(abs(da - db) <= 5e-3 * (1 + abs(db)), "\(e.id)' at \(x): \(da) vs \(db)") }
            }
            checked += 1
        }
        #expect(checked > 2000)
        let swish = CompiledExpression(try ExpressionActivation("x * sigmoid(x)"))
        let h: Float = 1e-2, x: Float = 0.7
        #expect(abs(swish.derivative(x: x, y: 0) - (swish.value(x + h) - swish.value(x - h)) / (2 * h)) < 1e-3)
    }
}
