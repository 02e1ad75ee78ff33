import Activations

/// A binary unit of the search grammar: a name and how it joins two operand trees.
public struct SearchBinary: Sendable, Equatable {
    public let name: String
    let build: @Sendable (ExpressionTree, ExpressionTree) -> ExpressionTree

    public init(_ name: String, _ build: @escaping @Sendable (ExpressionTree, ExpressionTree) -> ExpressionTree) {
        self.name = name
        self.build = build
    }

    public func callAsFunction(_ a: ExpressionTree, _ b: ExpressionTree) -> ExpressionTree { build(a, b) }

    public static func == (a: SearchBinary, b: SearchBinary) -> Bool { a.name == b.name }

    public static let add = SearchBinary("x1+x2") { .binary(.add, $0, $1) }
    public static let subtract = SearchBinary("x1-x2") { .binary(.subtract, $0, $1) }
    public static let multiply = SearchBinary("x1*x2") { .binary(.multiply, $0, $1) }
    public static let maximum = SearchBinary("max") { .call(.max, [$0, $1]) }
    public static let minimum = SearchBinary("min") { .call(.min, [$0, $1]) }
    public static let sigmoidGate = SearchBinary("sigmoid(x1)*x2") { .binary(.multiply, .call(.sigmoid, [$0]), $1) }
    /// x1 / (x2 + 0.001), the paper's guard against dividing by zero.
    public static let divide = SearchBinary("x1/(x2+eps)") { .binary(.divide, $0, .binary(.add, $1, 0.001)) }

    public static let paperSet: [SearchBinary] = [add, subtract, multiply, maximum, minimum, sigmoidGate, divide]
}
