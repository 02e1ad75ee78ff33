import Tensors

/// Keras `categorical_accuracy`: the fraction of rows whose largest prediction is the target's
/// largest entry (one-hot targets).
public final class CategoricalAccuracy: RegisteredMetric {
    public static let id = "categorical_accuracy"
    public let name: String
    private var correct = 0, total = 0

    public init(name: String = id) { self.name = name }

    public func reset() { (correct, total) = (0, 0) }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let k = p.rowLength
        for r in 0..<p.rows where argmax(p.pointer + r * k, k) == argmax(t.pointer + r * k, k) { correct += 1 }
        total += p.rows
    }

    public var result: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}

/// Keras `sparse_categorical_accuracy`: the fraction of rows whose largest prediction is at the
/// integer class label.
public final class SparseCategoricalAccuracy: RegisteredMetric {
    public static let id = "sparse_categorical_accuracy"
    public static let targets = MetricTargets.classIndices
    public let name: String
    private var correct = 0, total = 0

    public init(name: String = id) { self.name = name }

    public func reset() { (correct, total) = (0, 0) }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let k = p.rowLength
        for r in 0..<p.rows where argmax(p.pointer + r * k, k) == Int(t[r]) { correct += 1 }
        total += p.rows
    }

    public var result: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}

/// The first index of the largest of `n` values.
@inline(__always) func argmax(_ p: UnsafePointer<Float>, _ n: Int) -> Int {
    var best = 0
    for j in 1..<max(n, 1) where p[j] > p[best] { best = j }
    return best
}
