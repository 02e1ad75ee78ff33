/// How big a search is and how its budget is spent.
public struct SearchConfiguration: Codable, Sendable, Equatable {
    /// Distinct, usable candidates to rank on the cheap proxy: every one-unit expression, then
    /// two-unit ones drawn at random until there are this many.
    public var candidates = 2000
    /// The fraction of ranked candidates that go on to the deep proxy (at least `finalists`).
    public var deepFraction = 0.04
    public var deepSeeds = 3
    public var finalists = 5
    /// Paired seeds per finalist and baseline on the held-out split.
    public var finalSeeds = 10
    public var baselines = ["relu", "silu", "gelu", "tanh"]
    /// Expressions followed through every stage wherever they land (the paper's famous two).
    public var tracked = ["x * sigmoid(x)", "max(x, sigmoid(x))"]
    /// Whether to run the random-search control: as many deep evaluations as the search
    /// spends, on candidates drawn at random instead of the cheap proxy's best.
    public var control = true
    /// Wall-clock budget; the cheap stage stops starting evaluations at 40% of it and the deep
    /// stage at 70%, ranking what finished. The finals always run whole.
    public var budgetMinutes = 45.0
    public var seed: UInt64 = 0

    public init() {}

    /// A one-line error for settings that cannot run.
    public func validate() throws {
        guard candidates >= 1 else { throw SearchError("--candidates must be at least 1, got \(candidates)") }
        guard deepFraction > 0, deepFraction <= 1 else { throw SearchError("--deep-fraction must be in (0, 1], got \(deepFraction)") }
        guard deepSeeds >= 1, finalSeeds >= 2 else { throw SearchError("--deep-seeds must be >= 1 and --final-seeds >= 2, got \(deepSeeds) and \(finalSeeds)") }
        guard finalists >= 1 else { throw SearchError("--finalists must be at least 1, got \(finalists)") }
        guard budgetMinutes > 0, budgetMinutes.isFinite else { throw SearchError("--budget-minutes must be positive, got \(budgetMinutes)") }
        guard baselines.contains("relu") else { throw SearchError("the baselines must include relu: every finalist is compared with it") }
    }
}
