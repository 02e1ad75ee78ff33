import Tensors

/// A seeded percentile bootstrap of the mean of paired differences (a[i] - b[i], the same seed
/// on both sides), for comparing two configurations run on the same seeds without assuming
/// the differences are normal. Same inputs and seed, same interval.
public struct PairedBootstrap: Codable, Sendable, Equatable {
    /// mean(a - b).
    public var meanDifference: Double
    public var lower: Double
    public var upper: Double
    public var pairs: Int
    public var resamples: Int

    /// Whether the interval lies wholly above or below zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }

    /// The 95% interval (or `level`) from `resamples` draws of `pairs` differences with replacement.
    /// Pairs where either side is not finite are dropped; with no finite pair the interval is NaN.
    public init(_ a: [Double], _ b: [Double], level: Double = 0.95, resamples: Int = 2000, seed: UInt64 = 0) {
        precondition(a.count == b.count, "paired samples must have the same length")
        precondition(level > 0 && level < 1 && resamples > 0)
        let d = zip(a, b).map { $0 - $1 }.filter(\.isFinite)
        pairs = d.count
        self.resamples = resamples
        guard !d.isEmpty else {
            (meanDifference, lower, upper) = (.nan, .nan, .nan)
            return
        }
        meanDifference = d.reduce(0, +) / Double(d.count)
        var rng = RandomGenerator(seed: seed)
        var means = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var sum = 0.0
            for _ in 0..<d.count { sum += d[Int(rng.next() % UInt64(d.count))] }
            means[r] = sum / Double(d.count)
        }
        means.sort()
        let tail = (1 - level) / 2
        lower = Self.quantile(means, tail)
        upper = Self.quantile(means, 1 - tail)
    }

    /// Linear interpolation between order statistics (numpy's default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down)), j = min(i + 1, sorted.count - 1)
        return sorted[i] + (sorted[j] - sorted[i]) * (position - Double(i))
    }
}
