import Foundation
import Tensors

/// A random n-class classification problem, as scikit-learn's `make_classification` builds it:
/// Gaussian clusters around the vertices of a hypercube in `nInformative` dimensions (each
/// cluster stretched by its own random linear map), `nRedundant` random linear combinations of
/// those features, `nRepeated` copies of informative or redundant ones, and Gaussian noise for
/// the rest. Without shuffling, the columns come in that order. A fraction `flipY` of the labels
/// is then drawn at random (so about `flipY * (1 - 1/nClasses)` of them change), `weights` set the
/// class proportions (one per class, or one fewer and the last is what remains), and every
/// feature is shifted by `shift` and multiplied by `scale`.
///
/// The numbers come from our `RandomGenerator`, so they differ from scikit-learn's for the same
/// seed; their distribution is the same. Returns `x` of shape [nSamples, nFeatures] and `y` of
/// shape [nSamples, 1] holding each sample's class index.
public func makeClassification(
    nSamples: Int = 100, nFeatures: Int = 20, nInformative: Int = 2, nRedundant: Int = 2, nRepeated: Int = 0,
    nClasses: Int = 2, nClustersPerClass: Int = 2, weights: [Double]? = nil, flipY: Double = 0.01,
    classSep: Double = 1.0, hypercube: Bool = true, shift: Double = 0.0, scale: Double = 1.0,
    shuffle: Bool = true, seed: UInt64 = 0
) throws -> (x: Tensor, y: Tensor) {
    func fail(_ message: String) -> DatasetError { DatasetError(file: "makeClassification", message) }
    guard nSamples >= 1 else { throw fail("nSamples must be at least 1, got \(nSamples)") }
    guard nFeatures >= 1 else { throw fail("nFeatures must be at least 1, got \(nFeatures)") }
    guard nInformative >= 1 else { throw fail("nInformative must be at least 1, got \(nInformative)") }
    guard nRedundant >= 0, nRepeated >= 0 else {
        throw fail("nRedundant and nRepeated must be at least 0, got \(nRedundant) and \(nRepeated)")
    }
    guard nClasses >= 1, nClustersPerClass >= 1 else {
        throw fail("nClasses and nClustersPerClass must be at least 1, got \(nClasses) and \(nClustersPerClass)")
    }
    let (partial, overflowA) = nInformative.addingReportingOverflow(nRedundant)
    let (used, overflowB) = partial.addingReportingOverflow(nRepeated)
    guard !overflowA, !overflowB, used <= nFeatures else {
        throw fail("nInformative + nRedundant + nRepeated (\(nInformative) + \(nRedundant) + \(nRepeated)) must be at most nFeatures = \(nFeatures)")
    }
    guard let nClusters = MemoryBudget.product([nClasses, nClustersPerClass]),
          nInformative >= 63 || nClusters <= 1 << nInformative else {
        throw fail("nClasses * nClustersPerClass (\(nClasses) * \(nClustersPerClass)) must be at most 2^nInformative = 2^\(nInformative): each cluster needs its own hypercube vertex")
    }
    guard (0...1).contains(flipY) else { throw fail("flipY must lie in [0, 1], got \(flipY)") }
    guard classSep.isFinite, classSep > 0 else { throw fail("classSep must be a positive finite number, got \(classSep)") }
    guard shift.isFinite, scale.isFinite else { throw fail("shift and scale must be finite, got \(shift) and \(scale)") }
    var proportions = [Double](repeating: 1 / Double(nClasses), count: nClasses)
    if let weights {
        guard weights.count == nClasses || weights.count == nClasses - 1 else {
            throw fail("weights must hold \(nClasses) proportions (or \(nClasses - 1), the last inferred), got \(weights.count)")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw fail("weights must be finite and at least 0, got \(weights)") }
        let total = weights.reduce(0, +)
        guard total <= 1 + 1e-9 else { throw fail("weights must sum to at most 1, got \(total)") }
        proportions = weights.count == nClasses ? weights : weights + [Swift.max(0, 1 - total)]
    }
    try MemoryBudget.check(shape: [nSamples, nFeatures], for: "makeClassification's samples")
    try MemoryBudget.check(elements: MemoryBudget.product([nSamples, nFeatures, 3]) ?? -1, for: "makeClassification's working copy")
    try MemoryBudget.check(elements: MemoryBudget.product([nClusters, nInformative, 2]) ?? -1, for: "makeClassification's cluster centres")
    try MemoryBudget.check(elements: MemoryBudget.product([nInformative, nInformative, 2]) ?? -1, for: "makeClassification's cluster transforms")

    var generator = ClassificationGenerator(rng: RandomGenerator(seed: seed))
    // Samples per cluster: each class's share split evenly over its clusters, the remainder dealt round-robin.
    var perCluster = (0..<nClusters).map { k in Int(Double(nSamples) * proportions[k % nClasses] / Double(nClustersPerClass)) }
    let assigned = perCluster.reduce(0, +)
    for i in 0..<Swift.max(0, nSamples - assigned) { perCluster[i % nClusters] += 1 }

    let n = nSamples, f = nFeatures, inf = nInformative
    var x = [Double](repeating: 0, count: n * f)
    var y = [Int](repeating: 0, count: n)
    var centroids = generator.hypercubeVertices(count: nClusters, dimensions: inf).map { $0.map { $0 ? classSep : -classSep } }
    if !hypercube {
        for k in 0..<nClusters { let u = generator.uniform(); for d in 0..<inf { centroids[k][d] *= u } }
        let perDimension = (0..<inf).map { _ in generator.uniform() }
        for k in 0..<nClusters { for d in 0..<inf { centroids[k][d] *= perDimension[d] } }
    }
    for r in 0..<n { for d in 0..<inf { x[r * f + d] = generator.normal() } }
    var stop = 0
    var row = [Double](repeating: 0, count: inf)
    for k in 0..<nClusters {
        let start = stop
        stop = Swift.min(n, stop + perCluster[k])
        guard stop > start else { continue }
        // Each cluster gets its own covariance: its standard-normal points times a random matrix.
        let a = (0..<inf * inf).map { _ in 2 * generator.uniform() - 1 }
        for r in start..<stop {
            y[r] = k % nClasses
            for j in 0..<inf { row[j] = x[r * f + j] }
            for j in 0..<inf {
                var s = 0.0
                for i in 0..<inf { s += row[i] * a[i * inf + j] }
                x[r * f + j] = s + centroids[k][j]
            }
        }
    }
    if nRedundant > 0 {
        let b = (0..<inf * nRedundant).map { _ in 2 * generator.uniform() - 1 }
        for r in 0..<n {
            for j in 0..<nRedundant {
                var s = 0.0
                for i in 0..<inf { s += x[r * f + i] * b[i * nRedundant + j] }
                x[r * f + inf + j] = s
            }
        }
    }
    if nRepeated > 0 {
        let sources = inf + nRedundant
        let picks = (0..<nRepeated).map { _ in Int(Double(sources - 1) * generator.uniform() + 0.5) }
        for r in 0..<n { for (j, source) in picks.enumerated() { x[r * f + sources + j] = x[r * f + source] } }
    }
    for r in 0..<n { for c in used..<f { x[r * f + c] = generator.normal() } }
    if flipY > 0 {
        let flipped = (0..<n).map { _ in generator.uniform() < flipY }
        for r in 0..<n where flipped[r] { y[r] = Int.random(in: 0..<nClasses, using: &generator.rng) }
    }
    let rows = shuffle ? generator.rng.permutation(n) : Array(0..<n)
    let columns = shuffle ? generator.rng.permutation(f) : Array(0..<f)
    let xt = Tensor(zeros: [n, f]), yt = Tensor(zeros: [n, 1])
    for (to, from) in rows.enumerated() {
        for (c, source) in columns.enumerated() {
            let v = Float((x[from * f + source] + shift) * scale)
            guard v.isFinite else { throw fail("shift \(shift) and scale \(scale) take feature values beyond Float's range") }
            xt[to * f + c] = v
        }
        yt[to] = Float(y[from])
    }
    return (xt, yt)
}

/// The random draws `makeClassification` needs, in Double.
struct ClassificationGenerator {
    var rng: RandomGenerator

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(rng.next() >> 11) * 0x1p-53 }

    /// Standard normal (Box-Muller).
    mutating func normal() -> Double {
        let u1 = Swift.max(uniform(), .leastNormalMagnitude), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `count` distinct random vertices of the unit hypercube in `dimensions` dimensions, each a
    /// list of coordinates (true = 1). The first up to 62 coordinates are drawn without
    /// replacement by Floyd's algorithm, which takes `count` draws however full the cube is;
    /// any further coordinates are independent bits.
    mutating func hypercubeVertices(count: Int, dimensions: Int) -> [[Bool]] {
        let low = Swift.min(dimensions, 62)
        let size = UInt64(1) << UInt64(low)
        var chosen = Set<UInt64>(), order = [UInt64]()
        for j in (size - UInt64(count))..<size {
            let t = UInt64.random(in: 0...j, using: &rng)
            let pick = chosen.contains(t) ? j : t
            chosen.insert(pick)
            order.append(pick)
        }
        rng.shuffle(&order)
        return order.map { v in
            (0..<dimensions).map { d in d < low ? (v >> UInt64(d)) & 1 == 1 : rng.next() & 1 == 1 }
        }
    }
}
