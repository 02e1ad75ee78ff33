import Activations
import Foundation

/// The curve experiment C fits: a named curve (`cos` is the article's cos(x) + 1) or any
/// expression of x that `Activation.named` reads (`sin(2*x)`, `x*tanh(x)`, `relu`).
public struct CurveTarget: Sendable {
    /// What the user typed, as it appears in reports.
    public let name: String
    /// The formula in plain text.
    public let formula: String
    private let function: @Sendable (Double) -> Double

    /// The named curves, chosen to stay in about [0, 2] over [0, 2 pi] like the article's.
    public static let named: [(name: String, formula: String, function: @Sendable (Double) -> Double)] = [
        ("cos", "cos(x) + 1", { cos($0) + 1 }),
        ("sin", "sin(x) + 1", { sin($0) + 1 }),
        ("abs", "|x - pi|", { abs($0 - Double.pi) }),
        ("step", "0 if x < pi else 1", { $0 < Double.pi ? 0 : 1 }),
    ]

    /// Throws `CurveFitError` naming the text when it is neither a named curve nor an expression of x.
    public init(_ text: String) throws {
        let key = text.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw CurveFitError("the target must be cos, sin, abs, step or an expression of x, got an empty value") }
        if let entry = Self.named.first(where: { $0.name == key.lowercased() }) {
            (name, formula, function) = (entry.name, entry.formula, entry.function)
            return
        }
        let f: any ActivationFunction
        do { f = try Activation.named(key) } catch {
            throw CurveFitError("target '\(key)' is neither cos, sin, abs, step nor an expression of x: \(oneLine(error))")
        }
        guard f.isElementwise else { throw CurveFitError("target '\(key)' is not a function of x alone (it works on whole rows)") }
        let evaluate: @Sendable (Double) -> Double = { f.value($0) }
        (name, formula, function) = (key, f.formula.isEmpty ? f.id : f.formula, evaluate)
    }

    /// y at each x; throws naming the first x where the target is not a finite number.
    public func values(at xs: [Double]) throws -> [Double] {
        try xs.map { x in
            let y = function(x)
            guard y.isFinite else { throw CurveFitError("target '\(name)' is not finite at x = \(x) (got \(y))") }
            // Float training data: a value beyond Float's range would become infinite there.
            guard abs(y) < 1e30 else { throw CurveFitError("target '\(name)' is too large at x = \(x) (\(y))") }
            return y
        }
    }
}

/// An expression error's message without the excerpt and caret lines under it.
func oneLine(_ error: any Error) -> String {
    (error as? ExpressionError)?.message ?? "\(error)".split(separator: "\n").joined(separator: " ")
}

/// A curve-fit input that cannot be used, said in one line.
public struct CurveFitError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
