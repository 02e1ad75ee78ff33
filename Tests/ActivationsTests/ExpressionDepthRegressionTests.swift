import Testing
@testable import Activations

/// Expressions found by fuzz/run.sh expression (and its hand-made deep inputs) that overflowed
/// the stack in the parser or the derivative instead of being refused.
@Suite struct ExpressionDepthRegressionTests {
    @Test(arguments: [
        String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000),
        String(repeating: "-", count: 60_000) + "x",
        String(repeating: "exp(", count: 20_000) + "x" + String(repeating: ")", count: 20_000),
        String(repeating: "x*", count: 30_000) + "x",
    ])
    func overlongExpressionsAreRefused(_ text: String) {
        #expect {
            _ = try Activation.named(text)
        } throws: { error in
            let message = (error as? ExpressionError)?.message ?? ""
            return message.hasPrefix("expression too long") || message.hasPrefix("expression nested too deeply")
        }
    }

    /// The deepest accepted expressions still parse, differentiate and evaluate.
    @Test func deepestAcceptedExpressionsWork() throws {
        let depth = ExpressionLimits.maxDepth - 2
        let negations = try Activation.named(String(repeating: "-", count: depth) + "x")
        #expect(negations.value(2.0) == 2)
        #expect(negations.derivative(2.0) == 1)
        let nested = try Activation.named(String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth))
        #expect(nested.value(-3.0) == -3)
        let product = try Activation.named(String(repeating: "x*", count: depth) + "0")
        #expect(product.value(1.0) == 0)
    }
}
