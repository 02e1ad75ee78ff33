import Tensors

/// Keras `top_k_categorical_accuracy` (k = 5): the fraction of rows whose target class (argmax
/// of the one-hot target) is among the k largest predictions; ties at the boundary count as in.
public final class TopKCategoricalAccuracy: RegisteredMetric {
    public static let id = "top_k_categorical_accuracy"
    public let name: String
    public let k: Int
    private var mean = RunningMean()

    public convenience init(name: String = id) { self.init(name: name, k: 5) }

    public init(name: String = id, k: Int) {
        self.name = name
        self.k = k
    }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let n = p.rowLength
        let hits = (0..<p.rows).count { inTopK(p.pointer + $0 * n, n, argmax(t.pointer + $0 * n, n), k) }
        mean.add(Double(hits), count: p.rows)
    }

    public var result: Double { mean.value }
}

/// Keras `sparse_top_k_categorical_accuracy` (k = 5), the target an integer class label.
public final class SparseTopKCategoricalAccuracy: RegisteredMetric {
    public static let id = "sparse_top_k_categorical_accuracy"
    public static let targets = MetricTargets.classIndices
    public let name: String
    public let k: Int
    private var mean = RunningMean()

    public convenience init(name: String = id) { self.init(name: name, k: 5) }

    public init(name: String = id, k: Int) {
        self.name = name
        self.k = k
    }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let n = p.rowLength
        let hits = (0..<p.rows).count { inTopK(p.pointer + $0 * n, n, Int(t[$0]), k) }
        mean.add(Double(hits), count: p.rows)
    }

    public var result: Double { mean.value }
}

/// Whether fewer than k of the n values are strictly larger than the value at `target`.
@inline(__always) func inTopK(_ p: UnsafePointer<Float>, _ n: Int, _ target: Int, _ k: Int) -> Bool {
    let v = p[target]
    var larger = 0
    for j in 0..<n where p[j] > v { larger += 1 }
    return larger < k
}
