import Activations
import Foundation

/// Names a candidate by what it computes rather than how it is written: a known activation with
/// the same fingerprint, or a member of the swish family c * x * sigmoid(beta * x) (c may be
/// negative: the next layer's weights absorb the sign and scale, so the network is the same).
public enum KnownForm {
    /// Known activations as expressions, checked by fingerprint.
    static let known: [(name: String, fingerprint: Fingerprint)] = [
        ("relu", "relu(x)"), ("linear", "x"), ("abs", "abs(x)"), ("tanh", "tanh(x)"), ("sigmoid", "sigmoid(x)"),
        ("softplus", "softplus(x)"), ("gelu", "x * (1 + erf(x / sqrt(2))) / 2"), ("elu", "max(x, 0) + min(exp(x) - 1, 0)"),
        ("mish", "x * tanh(softplus(x))"), ("leaky-relu(0.5)", "max(x, 0.5 * x)"),
    ].map { ($0.0, Fingerprint(try! ExpressionTree.parse($0.1))) }

    /// The simplest name found for `tree`, or nil.
    public static func name(of tree: ExpressionTree) -> String? {
        let print = Fingerprint(tree)
        if let match = known.first(where: { $0.fingerprint == print }) { return match.name }
        if let (c, beta) = swish(tree) {
            let scale = abs(c - 1) < 1e-3 ? "" : "\(format(c)) * "
            let gate = abs(beta - 1) < 1e-3 ? "sigmoid(x)" : "sigmoid(\(format(beta)) * x)"
            return gate == "sigmoid(x)" && scale.isEmpty ? "swish (silu)" : "\(scale)x * \(gate)"
        }
        return nil
    }

    /// (c, beta) when f(x) = c * x * sigmoid(beta * x) on the fingerprint grid (c != 0, beta in (0, 8]), else nil.
    public static func swish(_ tree: ExpressionTree) -> (c: Double, beta: Double)? {
        let points = Fingerprint.grid.filter { abs($0) > 0.05 }
        let g = points.map { tree.evaluate(at: $0) / $0 }
        guard g.allSatisfy(\.isFinite), let scale = g.map(abs).max(), scale > 1e-9 else { return nil }
        func fit(_ beta: Double) -> (c: Double, error: Double) {
            let s = points.map { 1 / (1 + exp(-beta * $0)) }
            let c = zip(g, s).map(*).reduce(0, +) / s.map { $0 * $0 }.reduce(0, +)
            return (c, zip(g, s).map { abs($0 - c * $1) }.max()! / scale)
        }
        // A coarse scan for the basin, then golden-section refinement.
        var best = stride(from: 0.05, through: 8, by: 0.05).min { fit($0).error < fit($1).error }!
        var (lo, hi) = (max(0.01, best - 0.05), best + 0.05)
        for _ in 0..<60 {
            let m1 = lo + (hi - lo) * 0.382, m2 = lo + (hi - lo) * 0.618
            if fit(m1).error < fit(m2).error { hi = m2 } else { lo = m1 }
        }
        best = (lo + hi) / 2
        let (c, error) = fit(best)
        return error < 1e-3 && abs(c) > 1e-6 ? (c, best) : nil
    }

    static func format(_ v: Double) -> String { String(format: "%.3g", v) }
}
