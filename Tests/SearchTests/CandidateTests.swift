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
    }
}
