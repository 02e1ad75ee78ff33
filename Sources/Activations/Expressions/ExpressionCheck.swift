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
        // An intermediate of size M that moves with x is rounded to M * eps, so the quotient
        // carries noise of about M * eps / h: in sin(1e14 + x) the sum swallows x +- h entirely
        // and the computed function is locally flat while the true one is not. The derivative's
        // own evaluation is as noisy: in 1e14 * (1/x - x/x^2) the bracket is rounding error times
        // 1e14. Where either noise reaches the tolerance, the two numbers say nothing about a bug.
        let eps = Double.ulpOfOne
        let noise = Self.largestMovingIntermediate(tree, at: x) * eps / h
            + Self.largestMovingIntermediate(derivative, at: x) * eps
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

    /// The largest magnitude of any subtree value that depends on x (constants do not move).
    static func largestMovingIntermediate(_ tree: ExpressionTree, at x: Double) -> Double {
        guard tree.dependsOnX else { return 0 }
        let own = abs(tree.evaluate(at: x))
        let below: Double = switch tree {
        case .number, .constant, .variable: 0
        case let .negate(a): largestMovingIntermediate(a, at: x)
        case let .binary(_, a, b): max(largestMovingIntermediate(a, at: x), largestMovingIntermediate(b, at: x))
        case let .call(_, args): args.map { largestMovingIntermediate($0, at: x) }.max() ?? 0
        }
        // A non-finite intermediate is left to the finiteness checks above.
        return own.isFinite ? max(own, below) : below
    }

    /// A derivative's text, cut short: it can run to thousands of characters.
    private func shortText(_ tree: ExpressionTree) -> String {
        let text = tree.description
        return text.count <= 120 ? text : text.prefix(117) + "..."
    }

    private func short(_ v: Double) -> String { v.isNaN ? "NaN" : String(format: "%.6g", v) }
}
