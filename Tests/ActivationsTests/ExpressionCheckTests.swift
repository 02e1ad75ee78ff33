import Testing
@testable import Activations

/// The derivative check must still catch a wrong derivative wherever the arithmetic is well
/// conditioned, after learning to stay quiet where rounding makes it blind.
@Suite struct ExpressionCheckTests {
    func check(_ function: String, _ derivative: String) throws {
        try ExpressionCheck(tree: try ExpressionTree.parse(function), derivative: try ExpressionTree.parse(derivative),
                            source: function).run()
    }

    @Test(arguments: [("sin(x)", "cos(x)"), ("x * x", "2 * x"), ("1000000 * x ^ 2", "2000000 * x"), ("exp(x) + x", "exp(x) + 1")])
    func rightDerivativesPass(_ function: String, _ derivative: String) throws {
        try check(function, derivative)
    }

    @Test(arguments: [("sin(x)", "sin(x)"), ("x * x", "x"), ("1000000 * x ^ 2", "1000000 * x"), ("exp(x) + x", "exp(x)"),
                      ("sin(100 + x)", "cos(x)")])
    func wrongDerivativesAreCaught(_ function: String, _ derivative: String) {
        #expect {
            try check(function, derivative)
        } throws: { error in
            (error as? ExpressionError)?.message.hasPrefix("internal error") == true
        }
    }
}
