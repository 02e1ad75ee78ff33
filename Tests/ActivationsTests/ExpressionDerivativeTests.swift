import Foundation
import Testing
@testable import Activations

@Suite struct ExpressionDerivativeTests {
    /// Five-point central difference, with the same at h/2 to tell smooth points from kinks.
    func numericDerivative(_ tree: ExpressionTree, at x: Double) -> Double? {
        func stencil(_ h: Double) -> Double {
            let f = { tree.evaluate(at: x + $0 * h) }
            return (f(-2) - 8 * f(-1) + 8 * f(1) - f(2)) / (12 * h)
        }
        let (a, b) = (stencil(1e-3), stencil(5e-4))
        guard a.isFinite, b.isFinite, abs(a - b) <= 1e-6 * (1 + abs(a)) else { return nil }
        return b
    }

    @Test func differentiatesTheExamples() throws {
        let swish = try ExpressionTree.parse("x * sigmoid(1.5 * x)").derivative
        for x in [-2.0, 0.0, 0.7] {
            let s = 1 / (1 + exp(-1.5 * x))
            #expect(abs(swish.evaluate(at: x) - (s + 1.5 * x * s * (1 - s))) < 1e-14)
        }
        let softplus = try ExpressionTree.parse("log(1 + exp(x))").derivative
        #expect(abs(softplus.evaluate(at: 0.4) - 1 / (1 + exp(-0.4))) < 1e-15)
        #expect(try ExpressionTree.parse("relu(x)").derivative.evaluate(at: 0.0) == 0, "0 at the kink, as relu")
        #expect(try ExpressionTree.parse("abs(x)").derivative.evaluate(at: -3.0) == -1)
    }

    @Test func simplifiesTrivialTerms() throws {
        #expect(try ExpressionTree.parse("3 * x + 2").derivative.description == "3")
        #expect(try ExpressionTree.parse("x ^ 3").derivative.description == "3 * x ^ 2")
        #expect(try ExpressionTree.parse("exp(x)").derivative.description == "exp(x)")
        #expect(try ExpressionTree.parse("x * x").derivative.description == "x + x")
        #expect(try ExpressionTree.parse("-sin(x)").derivative.description == "-cos(x)")
        #expect(try ExpressionTree.parse("pi * e").derivative.description == "0")
    }

    @Test func symbolicDerivativesOfRandomTreesMatchFiniteDifferences() throws {
        var rng = ExpressionRandom(seed: 3)
        var compared = 0, undefined = 0, total = 0
        for _ in 0..<1500 {
            let tree = randomExpressionTree(depth: 4, using: &rng)
            let derivative = tree.derivative
            for x in [-2.3, -1.1, -0.4, 0.35, 0.9, 2.6] {
                total += 1
                guard let numeric = numericDerivative(tree, at: x), abs(numeric) < 1e6 else { continue }
                let symbolic = derivative.evaluate(at: x)
                // 0 * inf where f is locally constant (sqrt(relu(x)) for x < 0, (x - x)^x): the
                // chain rule has no value there, and construction rejects such expressions.
                guard symbolic.isFinite else { undefined += 1; continue }
                compared += 1
                #expect(abs(symbolic - numeric) <= 1e-5 * (1 + abs(numeric)), "d/dx \(tree) at \(x): \(derivative) = \(symbolic), numeric \(numeric)")
            }
        }
        #expect(compared > total / 2, "most points are smooth enough to compare (\(compared) of \(total))")
        #expect(undefined < compared / 20, "undefined chain-rule products are rare (\(undefined) of \(compared))")
    }
}

@Suite struct ExpressionActivationTests {
    @Test func worksOnFloatArraysLikeABuiltIn() throws {
        let f = try Activation.expression("x * sigmoid(1.5*x)")
        let x: [Float] = [-3, -0.5, 0, 0.5, 3]
        var y = [Float](repeating: 0, count: 5), dx = [Float](repeating: 0, count: 5)
        let dy = [Float](repeating: 2, count: 5)
        f.forward(x, &y, rows: 1, columns: 5)
        f.backward(x: x, y: y, dy: dy, dx: &dx, rows: 1, columns: 5)
        for i in 0..<5 {
            #expect(abs(Double(y[i]) - f.value(Double(x[i]))) < 1e-6)
            #expect(abs(Double(dx[i]) - 2 * f.derivative(Double(x[i]))) < 1e-5)
        }
        #expect(f.id == "x * sigmoid(1.5 * x)")
        #expect(f.formula == "x * sigmoid(1.5 * x)")
        #expect(f.characterSheet.usesExp)
        #expect(f.characterSheet.upper == .infinity && abs(f.characterSheet.lower - -0.1856) < 1e-3)
        #expect(try Activation.expression("x - x ^ 3").rangeText == "(-inf, inf)")
        #expect(try !Activation.expression("relu(x)").characterSheet.usesExp)
    }

    @Test func namedFallsBackToExpressions() throws {
        let f = try Activation.named("log(1 + exp(x))")
        #expect(f is ExpressionActivation)
        #expect(abs(f.value(0.0) - log(2.0)) < 1e-15)
        #expect(try Activation.named(f.id).id == f.id, "the printed id reads back")
        #expect(throws: ActivationError.self) { try Activation.named("x * 2", parameters: ["alpha": 1]) }
        // A misspelt id stays an unknown-name error rather than a puzzling parse error.
        #expect(throws: ActivationError.self) { try Activation.named("sigmoidd") }
        #expect(throws: ActivationError.self) { try Activation.named("relu-6") }
        #expect(throws: ExpressionError.self) { try Activation.named("x * (1 +)") }
    }

    @Test func rejectsFunctionsThatAreMostlyNotFinite() throws {
        let e = try #require(throws: ExpressionError.self) { try Activation.expression("sqrt(x)") }
        #expect(e.message.hasPrefix("not usable as an activation: not finite at 24 of 49 points in [-3, 3]"))
        #expect(e.column == nil)
        _ = try Activation.expression("1 / x")
        _ = try Activation.expression("relu(x - 1) + abs(x + 0.5)")
    }
}
