/// One measurement over repeated seeded runs of several configurations: each configuration's
/// summary and every pair's Welch + Holm verdict, ready for a table, results.json and advice.
public struct SeedStatistics: Codable, Sendable, Equatable {
    /// One configuration's values over the seeds.
    public struct Group: Codable, Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var summary: SampleSummary
    }

    /// What was measured and where ("test accuracy", "depth 1").
    public var title: String
    public var groups: [Group]
    public var verdicts: [PairVerdict]
    public var alpha: Double

    public init(title: String, groups: [(name: String, values: [Double])], alpha: Double = 0.05) {
        self.title = title
        self.alpha = alpha
        self.groups = groups.map { Group(name: $0.name, values: $0.values, summary: Statistics.summary($0.values)) }
        verdicts = Statistics.pairwiseComparison(groups, alpha: alpha)
    }

    /// The verdicts that found a difference, then a count of the rest, as short lines.
    public var verdictLines: [String] {
        let found = verdicts.filter(\.distinguishable).map(\.verdict)
        let rest = verdicts.count - found.count
        guard rest > 0 else { return found }
        let n = groups.map(\.values.count)
        let at = Set(n).count == 1 ? "N = \(n[0])" : "these N"
        return found + ["\(rest) of \(verdicts.count) pairs not distinguishable at \(at) (Welch's t-test, Holm-adjusted, alpha \(alpha))"]
    }
}
