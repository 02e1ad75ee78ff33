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
        guard let column else { return "\(message): \(expression)" }
        return "\(message)\n  \(expression)\n  " + String(repeating: " ", count: column - 1) + "^"
    }
}
