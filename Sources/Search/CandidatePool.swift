import Tensors

/// The candidates a search ranks: a grammar's expressions in index order (one-unit first, then
/// two-unit ones drawn at random), each kept only if the filter accepts it and no earlier one has
/// its fingerprint, until `target` are kept.
public struct CandidatePool: Sendable {
    public let candidates: [Candidate]
    /// Expressions built and looked at, duplicates and rejections included.
    public let enumerated: Int
    public let rejected: [CandidateFilter.Rejection: Int]
    public let duplicates: Int

    public init(grammar: Grammar, target: Int, seed: UInt64, filter: CandidateFilter = CandidateFilter()) {
        var kept: [Candidate] = []
        var position: [Fingerprint: Int] = [:]
        var refused = Set<Fingerprint>()
        var rejected: [CandidateFilter.Rejection: Int] = [:]
        var (enumerated, duplicates) = (0, 0)
        func consider(_ index: Int) {
            let structure = grammar.structure(at: index)
            let c = Candidate(tree: structure.tree, structure: structure)
            enumerated += 1
            if let i = position[c.fingerprint] {
                duplicates += 1
                if c.expression.count < kept[i].expression.count, filter.rejection(of: c) == nil { kept[i] = c }
                return
            }
            if refused.contains(c.fingerprint) { duplicates += 1; return }
            if let why = filter.rejection(of: c) {
                rejected[why, default: 0] += 1
                refused.insert(c.fingerprint)
                return
            }
            position[c.fingerprint] = kept.count
            kept.append(c)
        }
        for i in 0..<grammar.oneUnitCount where kept.count < target { consider(i) }
        var rng = RandomGenerator(seed: seed)
        var drawn = Set<Int>()
        // Most draws are usable and new; the cap only stops a grammar too small to supply `target`.
        let cap = min(grammar.twoUnitCount, 50 * max(target, 1))
        while kept.count < target, drawn.count < cap {
            let j = Int(rng.next() % UInt64(grammar.twoUnitCount))
            if drawn.insert(j).inserted { consider(grammar.oneUnitCount + j) }
        }
        (self.candidates, self.enumerated, self.rejected, self.duplicates) = (kept, enumerated, rejected, duplicates)
    }
}
