import Activations

/// A unary unit of the search grammar: a name and how it wraps its operand's tree. Units are
/// values, so a grammar is any list of them and a new unit is one more `static let`.
public struct SearchUnary: Sendable, Equatable {
    public let name: String
    let build: @Sendable (ExpressionTree) -> ExpressionTree

    public init(_ name: String, _ build: @escaping @Sendable (ExpressionTree) -> ExpressionTree) {
        self.name = name
        self.build = build
    }

    public func callAsFunction(_ operand: ExpressionTree) -> ExpressionTree { build(operand) }

    /// Whether the unit passes its operand through unchanged (the `b(x, g(x))` shape).
    public var isIdentity: Bool { name == "x" }

    public static func == (a: SearchUnary, b: SearchUnary) -> Bool { a.name == b.name }

    static func call(_ f: ExpressionFunction) -> @Sendable (ExpressionTree) -> ExpressionTree { { .call(f, [$0]) } }

    public static let identity = SearchUnary("x") { $0 }
    public static let negate = SearchUnary("-x") { .negate($0) }
    public static let abs = SearchUnary("|x|", call(.abs))
    public static let square = SearchUnary("x^2") { .binary(.power, $0, 2) }
    public static let cube = SearchUnary("x^3") { .binary(.power, $0, 3) }
    /// exp of the operand clipped at 10, so that no candidate overflows on ordinary inputs.
    public static let exp = SearchUnary("exp") { .call(.exp, [.call(.min, [$0, 10])]) }
    public static let sin = SearchUnary("sin", call(.sin))
    public static let cos = SearchUnary("cos", call(.cos))
    public static let tanh = SearchUnary("tanh", call(.tanh))
    public static let sigmoid = SearchUnary("sigmoid", call(.sigmoid))
    public static let relu = SearchUnary("relu", call(.relu))
    public static let minZero = SearchUnary("min(x,0)") { .call(.min, [$0, 0]) }
    public static let softplus = SearchUnary("softplus", call(.softplus))
    public static let erf = SearchUnary("erf", call(.erf))
    public static let atan = SearchUnary("atan", call(.atan))

    /// beta * x for one fixed beta: the paper trains beta, this grammar searches a grid of it.
    public static func scaled(_ beta: Double) -> SearchUnary {
        SearchUnary("\(ExpressionTree.number(beta))*x") { .binary(.multiply, .number(beta), $0) }
    }

    /// The paper's unary set (Ramachandran, Zoph & Le 2017), with beta on the grid {0.5, 2}.
    public static let paperSet: [SearchUnary] = [
        identity, negate, abs, square, cube, exp, sin, cos, tanh, sigmoid, relu, minZero, softplus, erf, atan,
        scaled(0.5), scaled(2),
    ]
}
