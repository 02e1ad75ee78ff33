/// Recursive-descent parser for activation expressions:
///
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := primary (('^' | '**') unary)?      -- so -x^2 = -(x^2) and 2^-x works
///     primary := number | x | pi | e | name '(' sum (',' sum)* ')' | '(' sum ')'
///
/// Nesting is limited to `ExpressionLimits.maxDepth` levels, counted both as the parser
/// descends (parentheses, calls, signs, `^`) and as trees grow (operators chained in a loop),
/// so neither this parser nor any later walk over the tree can run out of stack.
struct ExpressionParser {
    let text: String
    private let tokens: [ExpressionToken]
    private var index = 0
    /// How many nested constructs enclose the current token.
    private var level = 0

    /// A subtree and its depth (a leaf is 1).
    private typealias Parsed = (tree: ExpressionTree, depth: Int)

    /// Parses `text`, throwing an `ExpressionError` that points at the first offending column.
    static func parse(_ text: String) throws -> ExpressionTree {
        let length = text.count
        if length > ExpressionLimits.maxLength {
            throw ExpressionError("expression too long: \(length) characters, the limit is \(ExpressionLimits.maxLength)",
                                  in: text, column: ExpressionLimits.maxLength + 1)
        }
        var parser = try ExpressionParser(text: text)
        if case .end = parser.current.kind {
            throw ExpressionError("empty expression", in: text, column: 1)
        }
        let tree = try parser.sum().tree
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

    private mutating func sum() throws -> Parsed {
        var left = try product()
        while true {
            let column = current.column
            let op: ExpressionOperator
            if take("+") { op = .add } else if take("-") { op = .subtract } else { return left }
            let right = try product()
            left = try node(.binary(op, left.tree, right.tree), above: max(left.depth, right.depth), at: column)
        }
    }

    private mutating func product() throws -> Parsed {
        var left = try unary()
        while true {
            let column = current.column
            let op: ExpressionOperator
            if take("*") { op = .multiply } else if take("/") { op = .divide } else { return left }
            let right = try unary()
            left = try node(.binary(op, left.tree, right.tree), above: max(left.depth, right.depth), at: column)
        }
    }

    private mutating func unary() throws -> Parsed {
        let column = current.column
        if take("-") {
            try enter(at: column)
            defer { level -= 1 }
            let inner = try unary()
            return try node(.negate(inner.tree), above: inner.depth, at: column)
        }
        if take("+") {
            try enter(at: column)
            defer { level -= 1 }
            return try unary()
        }
        let base = try primary()
        let caret = current.column
        guard take("^") else { return base }
        try enter(at: caret)
        defer { level -= 1 }
        let exponent = try unary()
        return try node(.binary(.power, base.tree, exponent.tree), above: max(base.depth, exponent.depth), at: caret)
    }

    private mutating func primary() throws -> Parsed {
        let token = current
        switch token.kind {
        case let .number(v):
            index += 1
            return (.number(v), 1)
        case .symbol("("):
            index += 1
            try enter(at: token.column)
            defer { level -= 1 }
            let inner = try sum()
            try close(openedAt: token.column)
            return inner
        case let .identifier(name):
            index += 1
            if case .symbol("(") = current.kind {
                try enter(at: token.column)
                defer { level -= 1 }
                return try call(name, at: token.column)
            }
            return (try variable(name, at: token.column), 1)
        default:
            throw unexpected(token, expecting: "expected a number, x, a function or '('")
        }
    }

    /// Goes one level deeper, refusing to pass the limit: the parser recurses once per level,
    /// so this bounds its stack. Each call is paired with `defer { level -= 1 }`.
    private mutating func enter(at column: Int) throws {
        guard level < ExpressionLimits.maxDepth else { throw tooDeep(at: column) }
        level += 1
    }

    /// `tree`, whose deepest child is `depth` levels deep, unless that makes it too deep.
    private func node(_ tree: ExpressionTree, above depth: Int, at column: Int) throws -> Parsed {
        guard depth + 1 <= ExpressionLimits.maxDepth else { throw tooDeep(at: column) }
        return (tree, depth + 1)
    }

    private func tooDeep(at column: Int) -> ExpressionError {
        ExpressionError("expression nested too deeply at column \(column): the limit is \(ExpressionLimits.maxDepth) levels "
                        + "(each parenthesis, call, sign, '^' and chained operator is one)", in: text, column: column)
    }

    // The messages are built in functions of their own: a debug build reserves a frame for
    // every temporary of a function, and `call` is on the recursion path.
    private mutating func call(_ name: String, at column: Int) throws -> Parsed {
        guard let function = ExpressionFunction(rawValue: name) else { throw unknownFunction(name, at: column) }
        let open = current.column
        index += 1
        var args = [try sum()]
        while take(",") { args.append(try sum()) }
        try close(openedAt: open)
        guard args.count == function.arity else { throw wrongArity(function, got: args.count, at: column) }
        return try node(.call(function, args.map(\.tree)), above: args.map(\.depth).max()!, at: column)
    }

    private func unknownFunction(_ name: String, at column: Int) -> ExpressionError {
        let close = ExpressionParser.suggestions(for: name, among: ExpressionFunction.allCases.map(\.rawValue))
        let hint = close.isEmpty
            ? "; valid functions: " + ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ")
            : " (did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?)"
        return ExpressionError("unknown function '\(ExpressionError.clip(name))' at column \(column)\(hint)", in: text, column: column)
    }

    private func wrongArity(_ function: ExpressionFunction, got count: Int, at column: Int) -> ExpressionError {
        let plural = function.arity == 1 ? "argument" : "arguments"
        return ExpressionError("\(function.rawValue) takes \(function.arity) \(plural), got \(count), at column \(column)", in: text, column: column)
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
        throw ExpressionError("unknown variable '\(ExpressionError.clip(name))' at column \(column); the only variable is x (constants: pi, e)\(hint)",
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
