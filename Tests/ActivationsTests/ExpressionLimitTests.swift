import Foundation
import Testing
@testable import Activations

/// Hostile expressions end quickly in a clear error: too long, nested too deeply, or with a
/// derivative too large, never a stack overflow or minutes of work.
@Suite struct ExpressionLimitTests {
    /// The error `body` throws and how long it took.
    func failure(_ body: () throws -> Void) -> (error: (any Error)?, seconds: Double) {
        let clock = ContinuousClock()
        var caught: (any Error)?
        let elapsed = clock.measure {
            do { try body() } catch { caught = error }
        }
        return (caught, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    func expressionError(_ text: String, through registry: Bool = false) throws -> ExpressionError {
        let (error, seconds) = failure {
            if registry { _ = try Activation.named(text) } else { _ = try Activation.expression(text) }
        }
        #expect(seconds < 1, "\(text.prefix(40))... took \(seconds) s")
        return try #require(error as? ExpressionError, "\(text.prefix(40))...: \(String(describing: error))")
    }

    static let sumOf100kCharacters = Array(repeating: "x", count: 50_000).joined(separator: "+")
    static let tanhNested2000 = String(repeating: "tanh(", count: 2000) + "x" + String(repeating: ")", count: 2000)

    @Test(arguments: [true, false])
    func theReviewExamplesFailFastOnLength(_ registry: Bool) throws {
        for text in [String(repeating: "(", count: 30_000) + "x" + String(repeating: ")", count: 30_000),
                     String(repeating: "-", count: 120_000) + "x", Self.sumOf100kCharacters, Self.tanhNested2000] {
            let e = try expressionError(text, through: registry)
            #expect(e.message == "expression too long: \(text.count) characters, the limit is 10000")
            #expect(e.column == 10_001)
        }
    }

    static let depth = ExpressionLimits.maxDepth

    @Test func nestingPastTheLimitIsReportedAtItsColumn() throws {
        #expect(Self.depth == 64)
        let cases: [(String, Int)] = [
            (String(repeating: "(", count: 4000) + "x" + String(repeating: ")", count: 4000), 65),
            (String(repeating: "-", count: 9000) + "x", 65),
            (String(repeating: "tanh(", count: 1000) + "x" + String(repeating: ")", count: 1000), 5 * 64 + 1),
            // Chained operators: the 64th '+' makes a tree 65 levels deep.
            (Array(repeating: "x", count: 4000).joined(separator: "+"), 2 * 64),
            (Array(repeating: "x", count: 4000).joined(separator: "*"), 2 * 64),
            (Array(repeating: "2", count: 4000).joined(separator: "^"), 2 * 65),
            ("x + " + String(repeating: "sin(", count: 300) + "x" + String(repeating: ")", count: 300), 5 + 4 * 64),
        ]
        for (text, column) in cases {
            let e = try expressionError(text)
            #expect(e.column == column, "\(text.prefix(30)): \(e.message)")
            #expect(e.message == "expression nested too deeply at column \(column): the limit is 64 levels "
                    + "(each parenthesis, call, sign, '^' and chained operator is one)")
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let parens = String(repeating: "(", count: 63) + "x" + String(repeating: ")", count: 63)
        #expect(try ExpressionTree.parse(parens) == .variable)
        let chain = Array(repeating: "x", count: 64).joined(separator: " + ")
        let f = try Activation.expression(chain)
        #expect(f.value(1.5) == 96 && f.derivative(1.5) == 64)
        #expect(f.id == chain)
    }

    @Test func derivativesThatGrowTooLargeAreRefused() throws {
        // Each sigmoid's derivative repeats everything inside it twice: quadratic growth.
        let s = String(repeating: "sigmoid(", count: 60) + "x" + String(repeating: ")", count: 60)
        let e = try expressionError("((\(s) * \(s)) * (\(s) * \(s))) * ((\(s) * \(s)) * (\(s) * \(s)))")
        #expect(e.message == "its derivative is too large to use: more than 20000 nodes")
        #expect(e.description.count < 300)
        // Shallower nesting is fine, and quick.
        let (error, seconds) = failure {
            let f = try Activation.expression(String(repeating: "tanh(", count: 40) + "x" + String(repeating: ")", count: 40))
            #expect(abs(f.derivative(0.0) - 1) < 1e-12)
        }
        #expect(error == nil && seconds < 1)
    }

    @Test func longErrorsShowTheStretchAroundTheCaret() throws {
        let e = try expressionError(String(repeating: "x+", count: 2000) + "$" + String(repeating: "+x", count: 2000))
        #expect(e.column == 4001)
        let lines = e.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[1] == "  ..." + String(repeating: "x+", count: 30) + "$" + String(repeating: "+x", count: 29) + "+...")
        let caret = try #require(lines[2].firstIndex(of: "^"))
        #expect(lines[2].distance(from: lines[2].startIndex, to: caret) == lines[1].distance(from: lines[1].startIndex,
                                                                                             to: lines[1].firstIndex(of: "$")!))
    }

    @Test func printedFormsTooLongToReadBackAreRefused() throws {
        // "1e14" prints as "100000000000000": typed within the limit, printed beyond it.
        let group = "(" + Array(repeating: "1e14*x", count: 40).joined(separator: "+") + ")"
        let text = Array(repeating: group, count: 20).joined(separator: "+")
        #expect(text.count < ExpressionLimits.maxLength)
        let e = try expressionError(text)
        #expect(e.message.hasPrefix("expression too long: it prints as"))
    }

    @Test func treesBuiltInCodeAreHeldToTheSameLimits() throws {
        var deep = ExpressionTree.variable
        for _ in 0..<100_000 { deep = .negate(deep) }
        let (error, _) = failure { _ = try ExpressionActivation(tree: deep) }
        let e = try #require(error as? ExpressionError)
        #expect(e.message == "the expression is too deep to use: more than 64 levels")
        // Unwind iteratively: releasing a 100,000-level tree at once would recurse as deep.
        while case let .negate(inner) = deep { deep = inner }
    }

    @Test func theDeepestAcceptedExpressionsRunOnASmallStack() throws {
        // Layers evaluate on worker threads; 512 KiB is far below the stack any of them gets.
        // These are at the limits: 64 levels parsed, derivatives of 190 levels or 15,000 nodes.
        func nest(_ open: String, _ k: Int) -> String { String(repeating: open, count: k) + "x" + String(repeating: ")", count: k) }
        let texts = [String(repeating: "-", count: 63) + "x", nest("(", 63), nest("tanh(", 63), nest("max(x, ", 63), nest("x / (", 63),
                     "(\(nest("tanh(", 61)) * \(nest("tanh(", 61))) * (\(nest("tanh(", 61)) * \(nest("tanh(", 61)))",
                     Array(repeating: "x", count: 64).joined(separator: " - ")]
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var results = [String]()
        let thread = Thread {
            for text in texts {
                do {
                    let f = try Activation.expression(text)
                    var y: [Float] = [0, 0]
                    f.forward([0.5, -0.25], &y, rows: 1, columns: 2)
                    f.backward(x: [0.5, -0.25], y: y, dy: [1, 1], dx: &y, rows: 1, columns: 2)
                    let printed = f.derivativeTree.description
                    let expected = f.derivative(0.5)
                    results.append("\(abs(Double(y[0]) - expected) <= 1e-4 * (1 + abs(expected))) \(printed.count > 0)")
                } catch {
                    results.append("\(error)".components(separatedBy: "\n")[0])
                }
            }
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        #expect(results == Array(repeating: "true true", count: texts.count))
    }
}
