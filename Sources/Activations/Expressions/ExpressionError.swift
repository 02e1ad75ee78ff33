/// Why an expression was rejected: a syntax error at a column, or a check it failed.
///
/// The description is the message, then the expression with a caret under the column, so a
/// terminal shows exactly where the problem is.
public struct ExpressionError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let expression: String
    /// 1-based column of the offending character, nil for errors about the whole expression.
    public let column: Int?

    public init(_ message: String, in expression: String, column: Int? = nil) {
        self.message = message
        self.expression = expression
        self.column = column
    }

    public var description: String {
        let (shown, caret) = excerpt
        guard let caret else { return "\(message): \(shown)" }
        return "\(message)\n  \(shown)\n  " + String(repeating: " ", count: caret - 1) + "^"
    }

    /// A name or literal quoted in a message, cut short when it is long.
    static func clip(_ text: String) -> String {
        text.count <= 40 ? text : text.prefix(37) + "..."
    }

    /// Characters of the expression shown either side of the column; a longer one is cut.
    static let window = 60

    /// The expression as shown, with the caret's column in it: the whole of a short one, else
    /// the stretch around the column with `...` where it was cut, so a message stays readable.
    var excerpt: (text: String, column: Int?) {
        let chars = Array(expression)
        guard chars.count > 2 * Self.window else { return (expression, column) }
        let start = max(0, min((column ?? 1) - 1 - Self.window, chars.count - 2 * Self.window))
        let end = min(chars.count, start + 2 * Self.window)
        let head = start > 0 ? "..." : ""
        let text = head + String(chars[start..<end]) + (end < chars.count ? "..." : "")
        return (text, column.map { $0 - start + head.count })
    }
}
