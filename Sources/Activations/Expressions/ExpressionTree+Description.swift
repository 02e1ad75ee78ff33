/// Prints a tree as text that parses back to the same tree (up to a negative literal becoming
/// a negation), with only the parentheses that grouping needs.
extension ExpressionTree: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .number(v): return v.sign == .minus ? "-" + Self.format(-v) : Self.format(v)
        case let .constant(c): return c.rawValue
        case .variable: return "x"
        case let .negate(a): return "-" + a.wrapped(if: a.precedence <= Self.unaryPrecedence)
        case let .binary(op, a, b):
            let spaced = op == .power ? " ^ " : " \(op.rawValue) "
            // `^` groups to the right, the others to the left; a negative right operand gets
            // parentheses too, for the reader's sake (`a - (-b)`).
            let left = op == .power ? a.precedence <= op.precedence : a.precedence < op.precedence
            let right = op == .power ? b.precedence < op.precedence
                : b.precedence <= op.precedence || b.precedence == Self.unaryPrecedence
            return a.wrapped(if: left) + spaced + b.wrapped(if: right)
        case let .call(f, args): return f.rawValue + "(" + args.map(\.description).joined(separator: ", ") + ")"
        }
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

    func wrapped(if needed: Bool) -> String { needed ? "(" + description + ")" : description }

    /// Shortest text that reads back as exactly `v` (whole numbers without ".0").
    static func format(_ v: Double) -> String {
        if v == v.rounded(), v < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
