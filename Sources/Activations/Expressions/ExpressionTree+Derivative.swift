/// Symbolic differentiation, with the light simplification (0·a, 1·a, a+0, constant folding)
/// that keeps derivative trees short enough to read.
extension ExpressionTree {
    /// d/dx of the tree, as another tree.
    public var derivative: ExpressionTree {
        switch self {
        case .number, .constant: return 0
        case .variable: return 1
        case let .negate(a): return -a.derivative
        case let .binary(op, a, b):
            let (da, db) = (a.derivative, b.derivative)
            switch op {
            case .add: return da + db
            case .subtract: return da - db
            case .multiply: return da * b + a * db
            case .divide: return da / b - a * db / .binary(.power, b, 2)
            case .power: return Self.powerDerivative(a, b, da, db)
            }
        case let .call(f, args): return f.derivative(args, args.map(\.derivative))
        }
    }

    static func powerDerivative(_ a: ExpressionTree, _ b: ExpressionTree, _ da: ExpressionTree, _ db: ExpressionTree) -> ExpressionTree {
        if !b.dependsOnX { return b * .power(a, b - 1) * da }
        if !a.dependsOnX { return .binary(.power, a, b) * .call(.log, [a]) * db }
        return .binary(.power, a, b) * (db * .call(.log, [a]) + b * da / a)
    }

    static func power(_ a: ExpressionTree, _ b: ExpressionTree) -> ExpressionTree {
        if case .number(1) = b { return a }
        if case .number(0) = b { return 1 }
        return .binary(.power, a, b)
    }

    /// The number a constant subtree stands for, when it is a plain literal.
    var literal: Double? {
        if case let .number(v) = self { return v }
        return nil
    }

    /// Folds two literals into one when the result is an ordinary finite number.
    static func fold(_ op: ExpressionOperator, _ a: ExpressionTree, _ b: ExpressionTree) -> ExpressionTree? {
        guard let x = a.literal, let y = b.literal else { return nil }
        let v: Double = op.apply(x, y)
        return v.isFinite ? .number(v) : nil
    }

    static func + (a: ExpressionTree, b: ExpressionTree) -> ExpressionTree {
        if a == 0 { return b }
        if b == 0 { return a }
        return fold(.add, a, b) ?? .binary(.add, a, b)
    }

    static func - (a: ExpressionTree, b: ExpressionTree) -> ExpressionTree {
        if b == 0 { return a }
        if a == 0 { return -b }
        return fold(.subtract, a, b) ?? .binary(.subtract, a, b)
    }

    static func * (a: ExpressionTree, b: ExpressionTree) -> ExpressionTree {
        if a == 0 || b == 0 { return 0 }
        if a == 1 { return b }
        if b == 1 { return a }
        if a == -1 { return -b }
        if b == -1 { return -a }
        return fold(.multiply, a, b) ?? .binary(.multiply, a, b)
    }

    static func / (a: ExpressionTree, b: ExpressionTree) -> ExpressionTree {
        if a == 0 { return 0 }
        if b == 1 { return a }
        return fold(.divide, a, b) ?? .binary(.divide, a, b)
    }

    static prefix func - (a: ExpressionTree) -> ExpressionTree {
        if case let .negate(inner) = a { return inner }
        if let v = a.literal { return .number(-v) }
        return .negate(a)
    }
}

extension ExpressionTree: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
}
