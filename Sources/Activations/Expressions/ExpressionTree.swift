import RealModule

/// A parsed activation expression in the variable x, e.g. `x * sigmoid(1.5 * x)`.
///
/// Trees are kept exactly as parsed (no rewriting), so printing one and parsing the text back
/// gives a tree that evaluates to the same bits.
///
/// Every walk over a tree recurses once per level. Parsed trees are within `ExpressionLimits`;
/// a tree built in code is checked against them by `ExpressionActivation(tree:)`.
public indirect enum ExpressionTree: Sendable, Equatable {
    case number(Double)
    case constant(ExpressionConstant)
    case variable
    case negate(ExpressionTree)
    case binary(ExpressionOperator, ExpressionTree, ExpressionTree)
    case call(ExpressionFunction, [ExpressionTree])

    /// The value at `x`, computed in the precision of `x` (Float for layers, Double for plots).
    public func evaluate<T: Real & BinaryFloatingPoint>(at x: T) -> T {
        switch self {
        case let .number(v): return T(v)
        case let .constant(c): return T(c.value)
        case .variable: return x
        case let .negate(a): return -a.evaluate(at: x)
        case let .binary(op, a, b): return op.apply(a.evaluate(at: x), b.evaluate(at: x))
        case let .call(f, args):
            let a = args[0].evaluate(at: x)
            return f.arity == 1 ? f.apply(a, a) : f.apply(a, args[1].evaluate(at: x))
        }
    }

    /// Whether the tree mentions x at all (constant subtrees differentiate to 0).
    public var dependsOnX: Bool {
        switch self {
        case .number, .constant: false
        case .variable: true
        case let .negate(a): a.dependsOnX
        case let .binary(_, a, b): a.dependsOnX || b.dependsOnX
        case let .call(_, args): args.contains { $0.dependsOnX }
        }
    }

    /// Every function called anywhere in the tree.
    public var functions: Set<ExpressionFunction> {
        switch self {
        case .number, .constant, .variable: []
        case let .negate(a): a.functions
        case let .binary(op, a, b): a.functions.union(b.functions).union(op == .power ? [.pow] : [])
        case let .call(f, args): args.reduce(into: [f]) { $0.formUnion($1.functions) }
        }
    }
}

/// The named constants an expression may use.
public enum ExpressionConstant: String, Sendable, CaseIterable {
    case pi, e

    public var value: Double {
        switch self {
        case .pi: Double.pi
        case .e: 2.718_281_828_459_045
        }
    }
}

/// The binary operators, in the usual precedence (`^` binds tightest and groups to the right).
public enum ExpressionOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"

    var precedence: Int {
        switch self {
        case .add, .subtract: 1
        case .multiply, .divide: 2
        case .power: 4
        }
    }

    func apply<T: Real & BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: ExpressionFunction.power(a, b)
        }
    }
}
