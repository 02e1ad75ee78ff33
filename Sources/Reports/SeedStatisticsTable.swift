import Experiments

/// Repeated-seed statistics as Markdown: a table of each configuration's summary, then the verdicts.
public struct SeedStatisticsTable: Sendable {
    public let statistics: SeedStatistics
    public init(_ statistics: SeedStatistics) { self.statistics = statistics }

    public var table: MarkdownTable {
        MarkdownTable(
            headers: ["activation", "runs", "mean", "std", "95% CI", "min", "max"],
            rows: statistics.groups.map { g in
                let s = g.summary
                return [g.name, "\(s.count)", fixed(s.mean, 4), s.count > 1 ? fixed(s.standardDeviation, 4) : "-",
                        Self.interval(s), fixed(s.min, 4), fixed(s.max, 4)]
            },
            rightAligned: [1, 2, 3, 4, 5, 6])
    }

    /// "[0.8612, 0.8788]", or "-" where too few runs define one.
    public static func interval(_ s: SampleSummary) -> String {
        let ci = s.confidenceInterval95
        return ci.lowerBound.isFinite && ci.upperBound.isFinite ? "[\(fixed(ci.lowerBound, 4)), \(fixed(ci.upperBound, 4))]" : "-"
    }

    /// The verdicts as a Markdown list, found differences first.
    public var verdicts: String {
        let found = statistics.verdicts.filter(\.distinguishable) + statistics.verdicts.filter { !$0.distinguishable }
        return found.map { "- \($0.verdict)\n" }.joined()
    }

    public var markdown: String {
        table.text + "\nPairwise, Welch's t-test with Holm's correction over all \(statistics.verdicts.count) pairs (alpha \(statistics.alpha)):\n\n" + verdicts
    }
}
