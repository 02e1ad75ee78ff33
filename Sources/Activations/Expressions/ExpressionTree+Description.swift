/// Prints a tree as text that parses back to the same tree (up to a negative literal becoming
/// a negation), with only the parentheses that grouping needs.
extension ExpressionTree: CustomStringConvertible {
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Appends the text to `out`: one buffer for the whole tree keeps printing linear in its size.
    func write(to out: inout String) {
        switch self {
        case let .number(v): out += v.sign == .minus ? "-" + Self.format(-v) : Self.format(v)
        case let .constant(c): out += c.rawValue
        case .variable: out += "x"
        case let .negate(a):
            out += "-"
            a.write(to: &out, wrapped: a.precedence <= Self.unaryPrecedence)
        case let .binary(op, a, b):
            // `^` groups to the right, the others to the left; a negative right operand gets
            // parentheses too, for the reader's sake (`a - (-b)`).
            let left = op == .power ? a.precedence <= op.precedence : a.precedence < op.precedence
            let right = op == .power ? b.precedence < op.precedence
                : b.precedence <= op.precedence || b.precedence == Self.unaryPrecedence
            a.write(to: &out, wrapped: left)
            out += op == .power ? " ^ " : " \(op.rawValue) "
            b.write(to: &out, wrapped: right)
        case let .call(f, args):
            out += f.rawValue + "("
            for (i, a) in args.enumerated() {
                if i > 0 { out += ", " }
                a.write(to: &out)
            }
            out += ")"
        }
    }

    private func write(to out: inout String, wrapped: Bool) {
        if wrapped { out += "(" }
        write(to: &out)
        if wrapped { out += ")" }
    }

    static let unaryPrecedence = 3
    static let atomPrecedence = 5

    var precedence: Int {
        switch self {
        case let .number(v): v.sign == .minus ? Self.unaryPrecedence : Self.atomPrecedence
        case .negate: Self.unaryPrecedence
        case let .binary(op, _, _): op.precedence
        case .constant, .variable, .call: Self.atomPrecedence
        }
    }

    /// Shortest text that reads back as exactly `v` (whole numbers without ".0").
    static func format(_ v: Double) -> String {
        if v == v.rounded(), v < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
