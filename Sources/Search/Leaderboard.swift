import Experiments
import Foundation

/// The search's outcome: every stage's ranking, the random control, and the finals, where each
/// finalist and baseline has `finalSeeds` paired runs on the held-out split.
public struct Leaderboard: Codable, Sendable {
    /// A candidate's standing after the cheap and (if it got there) the deep stage.
    public struct Ranked: Codable, Sendable, Equatable {
        public var expression: String
        /// The grammar units it was built from; empty for an expression not from the grammar.
        public var units: String
        /// A known activation with the same values, or its swish-family form; nil when none.
        public var knownAs: String?
        public var takesXDirectly: Bool
        public var cheapAccuracy: Double?
        public var cheapRank: Int?
        /// Mean validation accuracy over the deep stage's seeds.
        public var deepAccuracy: Double?
        public var deepRank: Int?
    }

    /// One finals entry: test accuracies over the paired seeds and the comparison with relu.
    public struct Final: Codable, Sendable, Equatable {
        public var rank: Int
        public var expression: String
        public var knownAs: String?
        /// "search", "control", "baseline" or "tracked" (several when it is more than one).
        public var roles: [String]
        public var testAccuracies: [Double]
        public var mean: Double
        /// Percentile bootstrap 95% interval of the mean test accuracy.
        public var lower: Double
        public var upper: Double
        /// Paired bootstrap of (this - relu) over the same seeds.
        public var versusRelu: PairedBootstrap
    }

    /// Where an expression followed by name landed.
    public struct Tracked: Codable, Sendable, Equatable {
        public var expression: String
        public var cheapRank: Int?
        public var deepRank: Int?
        public var finalRank: Int?
        /// Why it has no cheap rank: a duplicate of another candidate, rejected, or outside the pool.
        public var note: String
    }

    public var configuration: SearchConfiguration
    public var cheapProxy: String
    public var deepProxy: String
    public var enumerated: Int
    public var rejected: [String: Int]
    public var duplicates: Int
    public var candidates: Int
    /// Top of the deep stage, best first (every candidate that reached it).
    public var deepStage: [Ranked]
    /// The cheap stage's ranking, best first (every candidate ranked).
    public var cheapStage: [Ranked]
    /// The random control's deep-stage candidates, best first.
    public var control: [Ranked]
    public var finals: [Final]
    public var tracked: [Tracked]
    public var seconds: [String: Double]
    public var stoppedByBudget: [String]

    /// Among the top `n` of the deep stage, how many have the form b(x, g(x)).
    public func takingXDirectly(top n: Int) -> Int { deepStage.prefix(n).filter(\.takesXDirectly).count }
    /// How many of `entries` compute c * x * sigmoid(beta * x) for some c and beta.
    public func swishFamily(in entries: [Ranked]) -> Int { entries.filter { $0.knownAs?.contains("sigmoid(") == true || $0.knownAs == "swish (silu)" }.count }
}
