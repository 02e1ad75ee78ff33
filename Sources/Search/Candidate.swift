import Activations
import Foundation

/// One expression the search may evaluate: its text (which `Activation.named` reads back), the
/// units it was built from, and its fingerprint.
public struct Candidate: Sendable, Equatable {
    public let expression: String
    public let tree: ExpressionTree
    /// Nil for an expression not drawn from a grammar (a baseline, a test's hand-written one).
    public let structure: CandidateStructure?
    public let fingerprint: Fingerprint

    public init(tree: ExpressionTree, structure: CandidateStructure? = nil) {
        self.tree = tree
        self.structure = structure
        expression = tree.description
        fingerprint = Fingerprint(tree)
    }

    /// Parses `text`; throws the parser's `ExpressionError`.
    public init(_ text: String) throws {
        self.init(tree: try ExpressionTree.parse(text))
    }

    /// Keeps one candidate per fingerprint, the shortest expression of each (ties: the first),
    /// in the order each fingerprint was first seen.
    public static func deduplicated(_ candidates: [Candidate]) -> [Candidate] {
        var position: [Fingerprint: Int] = [:]
        var kept: [Candidate] = []
        for c in candidates {
            if let i = position[c.fingerprint] {
                if c.expression.count < kept[i].expression.count { kept[i] = c }
            } else {
                position[c.fingerprint] = kept.count
                kept.append(c)
            }
        }
        return kept
    }
}

/// A function's values on a fixed grid, rounded: two expressions with the same fingerprint
/// compute the same activation (x * sigmoid(x) and x * (1 + tanh(x / 2)) / 2), whatever their text.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// 64 points evenly spaced over [-6, 6].
    public static let grid: [Double] = (0..<64).map { -6 + 12 * Double($0) / 63 }
    /// Significant digits kept: far above the rounding of equivalent forms, far below any real difference.
    public static let digits = 5

    public let values: [Double]

    public init(_ tree: ExpressionTree) {
        values = Self.grid.map { Self.round(tree.evaluate(at: $0)) }
    }

    static func round(_ v: Double) -> Double {
        guard v.isFinite else { return v.isNaN ? .nan : v }
        // Cancellation leaves ~1e-16 where the exact value is 0.
        guard abs(v) >= 1e-9 else { return 0 }
        let scale = pow(10, Double(digits - 1) - floor(log10(abs(v))))
        return (v * scale).rounded() / scale
    }

    // NaN never equals itself; hash and compare bit patterns, so a NaN-valued grid point matches.
    public static func == (a: Fingerprint, b: Fingerprint) -> Bool {
        a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    public func hash(into hasher: inout Hasher) {
        for v in values { hasher.combine(v.isNaN ? Double.nan.bitPattern : v.bitPattern) }
    }

    public var description: String { values.map { String(format: "%.4g", $0) }.joined(separator: " ") }
}
