import Tensors

/// A custom activation written as an expression in x, e.g. `x * sigmoid(1.5 * x)`, usable
/// wherever a built-in is: `Dense(64, activation: try Activation.expression("x * sigmoid(1.5*x)"))`.
///
/// The derivative is derived symbolically once, at construction, and checked there against
/// finite differences, so training never differentiates numerically.
public struct ExpressionActivation: ElementwiseActivation {
    public let tree: ExpressionTree
    public let derivativeTree: ExpressionTree

    /// Parses and checks `text`; throws an `ExpressionError` on a syntax error, an unknown name,
    /// a function that is not finite on most of [-3, 3], or a derivative that fails the check.
    public init(_ text: String) throws {
        try self.init(tree: ExpressionTree.parse(text), source: text)
    }

    /// Checks `tree` as `init(_:)` does; a tree built in code is held to the parser's limits
    /// (`ExpressionLimits`) before anything walks it.
    public init(tree: ExpressionTree, source: String? = nil) throws {
        try ExpressionLimits.check(tree, "the expression", depthLimit: ExpressionLimits.maxDepth,
                                   source: source ?? "(a tree built in code)")
        let printed = tree.description
        // Model files store the printed form, and spaces and spelt-out literals (1e5) make it
        // longer than the text typed: it must still read back.
        guard printed.count <= ExpressionLimits.maxLength else {
            throw ExpressionError("expression too long: it prints as \(printed.count) characters, the limit is \(ExpressionLimits.maxLength)",
                                  in: source ?? printed)
        }
        let source = source ?? printed
        self.tree = tree
        // Built in one pass over `tree` with subtrees shared, so even a derivative that the
        // limits then reject costs no more than the tree itself.
        self.derivativeTree = tree.derivative
        try ExpressionLimits.check(derivativeTree, "its derivative", depthLimit: ExpressionLimits.maxDerivativeDepth, source: source)
        try ExpressionCheck(tree: tree, derivative: derivativeTree, source: source).run()
    }

    /// The expression as printed from its tree, so it reads back through `Activation.named`.
    public var id: String { tree.description }

    public var formula: String { tree.description }
    public var reference: String { "user-defined expression" }

    /// Read off samples, except the cost, which the tree states exactly.
    public var characterSheet: CharacterSheet {
        var sheet = CharacterSheet.estimated(value)
        // The samples stop at ±50; a function still moving there is unbounded on that side.
        let (left, right) = (derivative(-50.0), derivative(50.0))
        if right > 1e-6 { sheet.upper = .infinity } else if right < -1e-6 { sheet.lower = -.infinity }
        if left > 1e-6 { sheet.lower = -.infinity } else if left < -1e-6 { sheet.upper = .infinity }
        sheet.usesExp = !tree.functions.isDisjoint(with: [.exp, .log, .tanh, .sigmoid, .softplus, .erf])
        return sheet
    }

    public func value(_ x: Float) -> Float { tree.evaluate(at: x) }
    public func derivative(x: Float, y: Float) -> Float { derivativeTree.evaluate(at: x) }
    public func value(_ x: Double) -> Double { tree.evaluate(at: x) }
    public func derivative(_ x: Double) -> Double { derivativeTree.evaluate(at: x) }
}

extension Activation {
    /// A custom activation from expression text; see `ExpressionActivation`.
    public static func expression(_ text: String) throws -> ExpressionActivation {
        try ExpressionActivation(text)
    }

    /// The expression a name stands for when it is not a registry id but looks like a formula
    /// (it has characters other than letters and `_`); nil when it looks like a misspelt id.
    static func expressionFallback(_ name: String, parameters: [String: Double]) throws -> ExpressionActivation? {
        guard name.contains(where: { !($0.isLetter || $0 == "_") }) else { return nil }
        do {
            let expression = try ExpressionActivation(name)
            if let key = parameters.keys.sorted().first {
                throw ActivationError.unknownParameter(activation: expression.id, parameter: key, valid: [])
            }
            return expression
        } catch let error as ExpressionError {
            // `leaky-relu` or `relu6` is more likely a misspelt id than a formula.
            let idLike = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            if idLike, !suggestions(for: name).isEmpty { return nil }
            throw error
        }
    }
}
