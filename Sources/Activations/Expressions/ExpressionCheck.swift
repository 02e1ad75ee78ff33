import Foundation

/// The checks an expression passes before it may be used: finite on most of [-3, 3], and its
/// symbolic derivative matching central finite differences wherever the function is smooth.
/// A mismatch means a bug in differentiation, so it is reported with both numbers.
struct ExpressionCheck {
    let tree: ExpressionTree
    let derivative: ExpressionTree
    let source: String

    /// Grid points, offset from the round numbers where kinks usually sit (relu at 0).
    static let points: [Double] = (0...48).map { -3 + Double($0) * 0.125 + 0.0101 }
    /// The fraction of grid points where the value must be finite.
    static let requiredFinite = 0.9

    func run() throws {
        let values = Self.points.map { tree.evaluate(at: $0) }
        let bad = zip(Self.points, values).filter { !$0.1.isFinite }
        if Double(bad.count) > Double(Self.points.count) * (1 - Self.requiredFinite) {
            let example = bad[0]
            throw ExpressionError("not usable as an activation: not finite at \(bad.count) of \(Self.points.count) points in [-3, 3] "
                                  + "(f(\(short(example.0))) = \(short(example.1)))", in: source)
        }
        for x in Self.points {
            try compare(at: x)
        }
    }

    private func compare(at x: Double) throws {
        let h = 1e-5 * max(1, abs(x))
        let (f0, fl, fr) = (tree.evaluate(at: x), tree.evaluate(at: x - h), tree.evaluate(at: x + h))
        guard f0.isFinite, fl.isFinite, fr.isFinite else { return }
        let left = (f0 - fl) / h, right = (fr - f0) / h, central = (fr - fl) / (2 * h)
        // One-sided slopes that disagree mean a kink or jump within h: no derivative to check.
        guard abs(left - right) <= 1e-3 * (1 + abs(central)) else { return }
        let symbolic = derivative.evaluate(at: x)
        guard symbolic.isFinite else {
            // Typically 0 * inf from the chain rule, e.g. sqrt(relu(x)) where relu is flat at 0:
            // training would turn every gradient through it into NaN.
            throw ExpressionError("not usable as an activation: its derivative \(shortText(derivative)) is \(short(symbolic)) at x = \(short(x)) "
                                  + "where the function is smooth", in: source)
        }
        let tolerance = 1e-5 * (1 + abs(symbolic) + abs(f0))
        guard !(abs(symbolic - central) <= tolerance) else { return }
        // Rounding inside the expression can swamp either side: in sin(1e14 + x) the sum swallows
        // x +- h entirely, so the computed function is locally flat while the true one is not; in
        // 1e14 * (x - x - x + 1.00000025 * x) the cancellation error is multiplied by 1e14; in the
        // derivative of (x/x)^1e14 the bracket 1/x - x/x^2 is rounding error times 1e14. Where the
        // propagated rounding error of either side reaches the tolerance, the two numbers say
        // nothing about a bug.
        let noise = Self.roundingError(tree, at: x) / h + Self.roundingError(derivative, at: x)
        guard noise <= tolerance / 10 else { return }
        // A difference quotient is only evidence when it is stable: inside cos(1e14 + x) the sum
        // rounds x +- h away (f does not move at all), and partial rounding makes the quotient
        // noise that changes with the step. Only a mismatch that a 16x larger step repeats is a bug.
        let wide = 16 * h
        let (wl, wr) = (tree.evaluate(at: x - wide), tree.evaluate(at: x + wide))
        guard wl.isFinite, wr.isFinite, fl != fr || wl != wr else { return }
        let wideCentral = (wr - wl) / (2 * wide)
        guard abs(wideCentral - central) <= 1e-3 * (1 + abs(central)) else { return }
        throw ExpressionError("internal error: the symbolic derivative \(shortText(derivative)) disagrees with finite differences at x = \(short(x)) "
                              + "(\(short(symbolic)) vs \(short(central)))", in: source)
    }

    /// A first-order bound on the rounding error of evaluating `tree` at x in Double: each
    /// operation adds half an ulp of its result and passes on how far its inputs' errors can move
    /// it (evaluated at the corners of the inputs' error boxes, so no derivative rules are needed).
    /// Subtrees that do not depend on x count as exact: their error is the same at every x and
    /// cancels in a difference quotient.
    static func roundingError(_ tree: ExpressionTree, at x: Double) -> Double {
        valueAndError(tree, at: x).error
    }

    private static func valueAndError(_ tree: ExpressionTree, at x: Double) -> (value: Double, error: Double) {
        let value = tree.evaluate(at: x)
        guard tree.dependsOnX else { return (value, 0) }
        let inputs: [(value: Double, error: Double)]
        let recompute: ([Double]) -> Double
        switch tree {
        case .number, .constant, .variable:
            return (value, 0)
        case let .negate(a):
            return (value, valueAndError(a, at: x).error)
        case let .binary(op, a, b):
            inputs = [valueAndError(a, at: x), valueAndError(b, at: x)]
            recompute = { op.apply($0[0], $0[1]) }
        case let .call(f, args):
            inputs = args.map { valueAndError($0, at: x) }
            recompute = { f.arity == 1 ? f.apply($0[0], $0[0]) : f.apply($0[0], $0[1]) }
        }
        var spread = 0.0
        for corner in 0..<(1 << inputs.count) {
            let shifted = inputs.enumerated().map { i, input in
                corner & (1 << i) == 0 ? input.value - input.error : input.value + input.error
            }
            let moved = recompute(shifted)
            // An error box that reaches a pole or leaves the domain: nothing can be said there.
            guard moved.isFinite else { return (value, .infinity) }
            spread = max(spread, abs(moved - value))
        }
        return (value, spread + abs(value) * Double.ulpOfOne / 2)
    }

    /// A derivative's text, cut short: it can run to thousands of characters.
    private func shortText(_ tree: ExpressionTree) -> String {
        let text = tree.description
        return text.count <= 120 ? text : text.prefix(117) + "..."
    }

    private func short(_ v: Double) -> String { v.isNaN ? "NaN" : String(format: "%.6g", v) }
}
