/// Recursive-descent parser for activation expressions:
///
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := primary (('^' | '**') unary)?      -- so -x^2 = -(x^2) and 2^-x works
///     primary := number | x | pi | e | name '(' sum (',' sum)* ')' | '(' sum ')'
struct ExpressionParser {
    let text: String
    private let tokens: [ExpressionToken]
    private var index = 0

    /// The longest expression accepted. Parsing, the derivative, printing and evaluation all
    /// recurse over the tree, whose depth the length bounds: 20,000 nested parentheses or 60,000
    /// minus signs overflowed the stack before this limit.
    static let maximumLength = 1000

    /// Parses `text`, throwing an `ExpressionError` that points at the first offending column.
    static func parse(_ text: String) throws -> ExpressionTree {
        guard text.count <= maximumLength else {
            throw ExpressionError("expression is \(text.count) characters long; expected at most \(maximumLength)",
                                  in: String(text.prefix(40)) + "...")
        }
        var parser = try ExpressionParser(text: text)
        if case .end = parser.current.kind {
            throw ExpressionError("empty expression", in: text, column: 1)
        }
        let tree = try parser.sum()
        guard case .end = parser.current.kind else {
            let closing = parser.current.kind == .symbol(")")
            throw parser.unexpected(parser.current, expecting: closing ? "no '(' is open" : "expected an operator or the end")
        }
        return tree
    }

    private init(text: String) throws {
        self.text = text
        self.tokens = try ExpressionTokenizer.tokenize(text)
    }

    private var current: ExpressionToken { tokens[index] }

    private mutating func take(_ symbol: Character) -> Bool {
        guard case .symbol(symbol) = current.kind else { return false }
        index += 1
        return true
    }

    private mutating func sum() throws -> ExpressionTree {
        var tree = try product()
        while true {
            if take("+") { tree = .binary(.add, tree, try product()) }
            else if take("-") { tree = .binary(.subtract, tree, try product()) }
            else { return tree }
        }
    }

    private mutating func product() throws -> ExpressionTree {
        var tree = try unary()
        while true {
            if take("*") { tree = .binary(.multiply, tree, try unary()) }
            else if take("/") { tree = .binary(.divide, tree, try unary()) }
            else { return tree }
        }
    }

    private mutating func unary() throws -> ExpressionTree {
        if take("-") { return .negate(try unary()) }
        if take("+") { return try unary() }
        let base = try primary()
        return take("^") ? .binary(.power, base, try unary()) : base
    }

    private mutating func primary() throws -> ExpressionTree {
        let token = current
        switch token.kind {
        case let .number(v):
            index += 1
            return .number(v)
        case .symbol("("):
            index += 1
            let inner = try sum()
            try close(openedAt: token.column)
            return inner
        case let .identifier(name):
            index += 1
            if case .symbol("(") = current.kind { return try call(name, at: token.column) }
            return try variable(name, at: token.column)
        default:
            throw unexpected(token, expecting: "expected a number, x, a function or '('")
        }
    }

    private mutating func call(_ name: String, at column: Int) throws -> ExpressionTree {
        guard let function = ExpressionFunction(rawValue: name) else {
            let close = ExpressionParser.suggestions(for: name, among: ExpressionFunction.allCases.map(\.rawValue))
            let hint = close.isEmpty
                ? "; valid functions: " + ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ")
                : " (did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?)"
            throw ExpressionError("unknown function '\(name)' at column \(column)\(hint)", in: text, column: column)
        }
        let open = current.column
        index += 1
        var args = [try sum()]
        while take(",") { args.append(try sum()) }
        try close(openedAt: open)
        guard args.count == function.arity else {
            let plural = function.arity == 1 ? "argument" : "arguments"
            throw ExpressionError("\(name) takes \(function.arity) \(plural), got \(args.count), at column \(column)", in: text, column: column)
        }
        return .call(function, args)
    }

    private func variable(_ name: String, at column: Int) throws -> ExpressionTree {
        if name == "x" { return .variable }
        if let constant = ExpressionConstant(rawValue: name) { return .constant(constant) }
        if ExpressionFunction(rawValue: name) != nil {
            throw ExpressionError("function '\(name)' at column \(column) needs its argument in parentheses, e.g. \(name)(x)", in: text, column: column)
        }
        let spelled = ["x", "pi", "e"].filter { $0 == name.lowercased() }
        let functions = name.count >= 3 ? ExpressionParser.suggestions(for: name, among: ExpressionFunction.allCases.map(\.rawValue)) : []
        let hint = spelled.map { " (did you mean '\($0)'?)" }.first
            ?? functions.first.map { " (did you mean the function '\($0)'?)" } ?? ""
        throw ExpressionError("unknown variable '\(name)' at column \(column); the only variable is x (constants: pi, e)\(hint)",
                              in: text, column: column)
    }

    private mutating func close(openedAt column: Int) throws {
        if take(")") { return }
        if case .end = current.kind {
            throw ExpressionError("missing ')' at column \(current.column) to close the '(' at column \(column)", in: text, column: current.column)
        }
        throw unexpected(current, expecting: "expected ')' to close the '(' at column \(column)")
    }

    /// An error at `token`, `expecting` saying what would have fit; an operand straight after
    /// another one gets the hint that multiplication needs its `*`.
    private func unexpected(_ token: ExpressionToken, expecting: String) -> ExpressionError {
        if case .end = token.kind {
            return ExpressionError("unexpected end of expression at column \(token.column) (\(expecting))", in: text, column: token.column)
        }
        var expected = expecting
        let startsOperand: Bool = switch token.kind {
        case .number, .identifier, .symbol("("): true
        default: false
        }
        let endsOperand: Bool = index > 0 && {
            switch tokens[index - 1].kind {
            case .number, .identifier, .symbol(")"): true
            default: false
            }
        }()
        if startsOperand && endsOperand { expected = "multiplication must be written with '*'" }
        return ExpressionError("unexpected \(token.quoted) at column \(token.column) (\(expected))", in: text, column: token.column)
    }

    /// The names within edit distance 2 of a misspelling (or sharing its first three letters), closest first.
    static func suggestions(for name: String, among names: [String]) -> [String] {
        let key = name.lowercased()
        return names.map { ($0, Activation.editDistance(key, $0)) }
            .filter { $0.1 <= 2 || (key.count >= 3 && $0.0.hasPrefix(key.prefix(3))) }
            .sorted { $0.1 < $1.1 }
            .prefix(3).map(\.0)
    }
}

extension ExpressionTree {
    /// Parses expression text such as `x * sigmoid(1.5 * x)` or `log(1 + exp(x))`.
    public static func parse(_ text: String) throws -> ExpressionTree {
        try ExpressionParser.parse(text)
    }
}
