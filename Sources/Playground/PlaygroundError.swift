/// A request the playground cannot serve, said in one line; `detail` holds an expression's
/// excerpt with a caret under the offending column when there is one, for a monospace display.
public struct PlaygroundError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let detail: String?

    public init(_ message: String, detail: String? = nil) {
        self.message = message
        self.detail = detail
    }

    public var description: String { message }
}
