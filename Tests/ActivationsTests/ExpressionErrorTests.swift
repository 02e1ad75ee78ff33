import Testing
@testable import Activations

@Suite struct ExpressionErrorTests {
    func error(_ text: String) -> ExpressionError? {
        do { _ = try ExpressionTree.parse(text); return nil } catch { return error as? ExpressionError }
    }

    @Test func pointsAtTheOffendingColumn() throws {
        let cases: [(String, Int, String)] = [
            ("x * (1 +)", 9, "unexpected ')' at column 9"),
            ("x +", 4, "unexpected end of expression at column 4"),
            ("(x + 1", 7, "missing ')' at column 7 to close the '(' at column 1"),
            ("x + 1)", 6, "unexpected ')' at column 6 (no '(' is open)"),
            ("2x", 2, "unexpected 'x' at column 2 (multiplication must be written with '*')"),
            ("x # 2", 3, "unexpected character '#' at column 3"),
            ("max(x)", 1, "max takes 2 arguments, got 1, at column 1"),
            ("x * , 2", 5, "unexpected ','"),
            ("", 1, "empty expression"),
            ("1e999 * x", 1, "number '1e999' at column 1 is not a finite number"),
        ]
        for (text, column, message) in cases {
            let e = try #require(error(text), "\(text) should not parse")
            #expect(e.column == column, "\(text): \(e.message)")
            #expect(e.message.hasPrefix(message), "\(text): \(e.message)")
        }
    }

    @Test func describesWithACaretUnderTheColumn() throws {
        let e = try #require(error("x * (1 +)"))
        #expect(e.description == "unexpected ')' at column 9 (expected a number, x, a function or '(')\n  x * (1 +)\n          ^")
    }

    @Test func suggestsTheClosestFunctions() throws {
        let e = try #require(error("x * sigmod(x)"))
        #expect(e.message == "unknown function 'sigmod' at column 5 (did you mean 'sigmoid' or 'sign'?)")
        #expect(e.column == 5)
        #expect(try #require(error("tan(x)")).message.contains("'tanh'"))
        #expect(try #require(error("frobnicate(x)")).message.contains("valid functions: exp, log"))
    }

    @Test func rejectsUnknownVariables() throws {
        let y = try #require(error("x + y"))
        #expect(y.column == 5)
        #expect(y.message.hasPrefix("unknown variable 'y' at column 5; the only variable is x"))
        #expect(try #require(error("2 * X")).message.hasSuffix("(did you mean 'x'?)"))
        #expect(try #require(error("exp + x")).message.contains("needs its argument in parentheses"))
    }

    @Test func junkAnywhereInAValidExpressionIsReportedWhereItIs() throws {
        var rng = ExpressionRandom(seed: 11)
        for _ in 0..<500 {
            let text = Array(randomExpressionTree(depth: 4, using: &rng).description)
            let at = Int.random(in: 0...text.count, using: &rng)
            let broken = String(text[..<at]) + "$" + String(text[at...])
            let e = try #require(error(broken))
            #expect(e.column == at + 1, "\(broken): \(e.message)")
        }
    }

    @Test func truncatedExpressionsFailAtOrBeforeTheEnd() throws {
        var rng = ExpressionRandom(seed: 12)
        for _ in 0..<500 {
            let text = randomExpressionTree(depth: 4, using: &rng).description
            guard text.hasSuffix(")") else { continue }
            let cut = String(text.dropLast())
            let e = try #require(error(cut), "\(cut) should not parse")
            #expect(e.column == cut.count + 1, "\(cut): \(e.message)")
        }
    }
}
