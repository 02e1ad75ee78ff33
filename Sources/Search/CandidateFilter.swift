import Activations

/// Rejects candidates no network could use before any training is spent on them: not finite
/// (or beyond `maximumMagnitude`) somewhere on the fingerprint grid, constant, or with a
/// derivative that vanishes almost everywhere (no gradient would pass), or one that
/// `ExpressionActivation` refuses (its derivative check, its size limits).
public struct CandidateFilter: Sendable {
    /// Why a candidate was rejected; the raw values name the counts in the report.
    public enum Rejection: String, Sendable, CaseIterable, Codable {
        case nonFinite = "non-finite", constant, vanishingDerivative = "vanishing-derivative", invalid
    }

    public var maximumMagnitude = 1e6
    /// Slopes below this count as zero.
    public var flatSlope = 1e-4
    /// The derivative vanishes "almost everywhere" when it is flat on more than this fraction of the grid.
    public var flatFraction = 0.9

    public init() {}

    /// Nil when the candidate may be evaluated.
    public func rejection(of candidate: Candidate) -> Rejection? {
        let values = candidate.fingerprint.values
        if values.contains(where: { !$0.isFinite || abs($0) > maximumMagnitude }) { return .nonFinite }
        let (low, high) = (values.min()!, values.max()!)
        if high - low <= 1e-6 * (1 + max(abs(low), abs(high))) { return .constant }
        let derivative = candidate.tree.derivative
        let flat = Fingerprint.grid.filter { x in
            let d = derivative.evaluate(at: x)
            return d.isFinite && abs(d) < flatSlope
        }.count
        if Double(flat) > flatFraction * Double(Fingerprint.grid.count) { return .vanishingDerivative }
        if (try? ExpressionActivation(tree: candidate.tree)) == nil { return .invalid }
        return nil
    }
}
