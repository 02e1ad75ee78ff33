/// One lexical unit of an expression, with the 1-based column it starts at.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case symbol(Character)   // + - * / ^ ( ) ,  (`**` arrives as ^)
        case end
    }

    let kind: Kind
    let column: Int

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case let .number(v): "'\(ExpressionTree.format(v))'"
        case let .identifier(name): "'\(ExpressionError.clip(name))'"
        case let .symbol(c): "'\(c)'"
        case .end: "end of expression"
        }
    }
}

/// Splits expression text into tokens; numbers accept the forms `3`, `.5`, `1.5e-3`.
enum ExpressionTokenizer {
    static func tokenize(_ text: String) throws -> [ExpressionToken] {
        let chars = Array(text)
        var tokens = [ExpressionToken]()
        var i = 0
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c.isWhitespace {
                i += 1
            } else if c.isASCII, c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                let start = i
                i = scanNumber(chars, from: i)
                let literal = String(chars[start..<i])
                guard let v = Double(literal), v.isFinite else {
                    throw ExpressionError("number '\(ExpressionError.clip(literal))' at column \(column) is not a finite number", in: text, column: column)
                }
                tokens.append(ExpressionToken(kind: .number(v), column: column))
            } else if c.isASCII, c.isLetter || c == "_" {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                tokens.append(ExpressionToken(kind: .identifier(String(chars[start..<i])), column: column))
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
                tokens.append(ExpressionToken(kind: .symbol("^"), column: column))
                i += 2
            } else if "+-*/^(),".contains(c) {
                tokens.append(ExpressionToken(kind: .symbol(c), column: column))
                i += 1
            } else {
                throw ExpressionError("unexpected character '\(c)' at column \(column)", in: text, column: column)
            }
        }
        tokens.append(ExpressionToken(kind: .end, column: chars.count + 1))
        return tokens
    }

    /// The index just past the number starting at `i`; an `e` counts only when digits follow.
    private static func scanNumber(_ chars: [Character], from start: Int) -> Int {
        func digit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
        var i = start
        while digit(i) { i += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            while digit(i) { i += 1 }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            let sign = i + 1 < chars.count && (chars[i + 1] == "+" || chars[i + 1] == "-") ? 1 : 0
            if digit(i + 1 + sign) {
                i += 1 + sign
                while digit(i) { i += 1 }
            }
        }
        return i
    }
}
