import Tensors

/// Keras `categorical_accuracy`: the fraction of rows whose largest prediction is the target's
/// largest entry (one-hot targets).
public final class CategoricalAccuracy: RegisteredMetric {
    public static let id = "categorical_accuracy"
    public let name: String
    private var mean = RunningMean()

    public init(name: String = id) { self.name = name }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let k = p.rowLength
        let hits = (0..<p.rows).count { argmax(p.pointer + $0 * k, k) == argmax(t.pointer + $0 * k, k) }
        mean.add(Double(hits), count: p.rows)
    }

    public var result: Double { mean.value }
}

/// Keras `sparse_categorical_accuracy`: the fraction of rows whose largest prediction is at the
/// integer class label.
public final class SparseCategoricalAccuracy: RegisteredMetric {
    public static let id = "sparse_categorical_accuracy"
    public static let targets = MetricTargets.classIndices
    public let name: String
    private var mean = RunningMean()

    public init(name: String = id) { self.name = name }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let k = p.rowLength
        let hits = (0..<p.rows).count { argmax(p.pointer + $0 * k, k) == Int(t[$0]) }
        mean.add(Double(hits), count: p.rows)
    }

    public var result: Double { mean.value }
}

/// The first index of the largest of `n` values.
@inline(__always) func argmax(_ p: UnsafePointer<Float>, _ n: Int) -> Int {
    var best = 0
    for j in 1..<max(n, 1) where p[j] > p[best] { best = j }
    return best
}
