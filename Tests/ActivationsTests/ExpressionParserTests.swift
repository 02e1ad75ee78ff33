import Foundation
import Testing
@testable import Activations

/// A small seeded generator (SplitMix64), so random-tree failures reproduce.
struct ExpressionRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random expression trees over every node kind, for round-trip and derivative properties.
func randomExpressionTree(depth: Int, using rng: inout ExpressionRandom) -> ExpressionTree {
    if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0, 1, 2: return .variable
        case 3: return .constant(ExpressionConstant.allCases.randomElement(using: &rng)!)
        default: return .number([0.5, 1.5, 2, 3, 1e-3, 0.044715, 1.0507009873554805].randomElement(using: &rng)!)
        }
    }
    let child = { (rng: inout ExpressionRandom) in randomExpressionTree(depth: depth - 1, using: &rng) }
    switch Int.random(in: 0..<4, using: &rng) {
    case 0: return .negate(child(&rng))
    case 1, 2: return .binary(ExpressionOperator.allCases.randomElement(using: &rng)!, child(&rng), child(&rng))
    default:
        let f = ExpressionFunction.allCases.randomElement(using: &rng)!
        return .call(f, (0..<f.arity).map { _ in child(&rng) })
    }
}

func sameValue(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

@Suite struct ExpressionParserTests {
    @Test func evaluatesTheExamples() throws {
        let swish = try ExpressionTree.parse("x * sigmoid(1.5 * x)")
        #expect(abs(swish.evaluate(at: 2.0) - 2 / (1 + exp(-3.0))) < 1e-15)
        let softplus = try ExpressionTree.parse("log(1 + exp(x))")
        #expect(abs(softplus.evaluate(at: 0.3) - log(1 + exp(0.3))) < 1e-15)
        #expect(try ExpressionTree.parse("1e-3 * x").evaluate(at: 2.0) == 0.002)
        #expect(try ExpressionTree.parse("2 * pi + e").evaluate(at: 0.0) == 2 * Double.pi + M_E)
        #expect(try ExpressionTree.parse("max(x, 0) + min(x, 0) / 4").evaluate(at: -2.0) == -0.5)
    }

    @Test func followsPrecedenceAndAssociativity() throws {
        let cases: [(String, Double)] = [
            ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("8 / 4 / 2", 1), ("8 - 4 - 2", 2),
            ("2 ^ 3 ^ 2", 512), ("2 ** 3", 8), ("-2 ^ 2", -4), ("(-2) ^ 2", 4), ("2 ^ -1", 0.5),
            ("--3", 3), ("+3 - +1", 2), (".5 * 4", 2), ("1.5E+1", 15), ("pow(2, 10)", 1024),
        ]
        for (text, expected) in cases {
            #expect(try ExpressionTree.parse(text).evaluate(at: 0.0) == expected, "\(text)")
        }
        #expect(try ExpressionTree.parse("x ^ 2").evaluate(at: -3.0) == 9, "integral powers of negative bases")
    }

    @Test func printedTreesParseBackToTheSameValues() throws {
        var rng = ExpressionRandom(seed: 7)
        for _ in 0..<2000 {
            let tree = randomExpressionTree(depth: 5, using: &rng)
            let text = tree.description
            let reparsed = try ExpressionTree.parse(text)
            #expect(reparsed.description == text, "printing is stable: \(text)")
            for x in [-2.5, -0.7, 0.0, 0.3, 1.9] {
                let (a, b) = (tree.evaluate(at: x), reparsed.evaluate(at: x))
                #expect(sameValue(a, b), "\(text) at \(x): \(a) vs \(b)")
                #expect(sameValue(Double(tree.evaluate(at: Float(x))), Double(reparsed.evaluate(at: Float(x)))))
            }
        }
    }

    @Test func printsOnlyTheNeededParentheses() throws {
        let cases = ["x * sigmoid(1.5 * x)", "(x + 1) * (x - 1)", "x - (x - 1)", "-x ^ 2", "(-x) ^ 2", "x ^ (-2)",
                     "2 ^ 3 ^ x", "(2 ^ 3) ^ x", "x / (2 * x)", "x * (-1)", "0.001 * x", "1e-20 * x"]
        for text in cases { #expect(try ExpressionTree.parse(text).description == text) }
        #expect(try ExpressionTree.parse("((x))*(2)").description == "x * 2")
    }
}
