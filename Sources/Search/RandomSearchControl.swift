import Tensors

/// The control a search is measured against: the same number of deep evaluations spent on
/// candidates drawn uniformly from the pool instead of the cheap proxy's best. If the cheap
/// ranking carries information, the search's best beats the control's.
public enum RandomSearchControl {
    /// `count` distinct candidates drawn from `pool` with a generator seeded from `seed`.
    public static func draw(_ count: Int, from pool: [Candidate], seed: UInt64) -> [Candidate] {
        var rng = RandomGenerator(seed: seed ^ 0x5EED_C0A7_2017)
        return Array(rng.permutation(pool.count).prefix(count).map { pool[$0] })
    }
}
