import Tensors

/// Keras `top_k_categorical_accuracy` (k = 5): the fraction of rows whose target class (argmax
/// of the one-hot target) is among the k largest predictions; ties at the boundary count as in.
public final class TopKCategoricalAccuracy: RegisteredMetric {
    public static let id = "top_k_categorical_accuracy"
    public let name: String
    public let k: Int
    private var correct = 0, total = 0

    public init(name: String = id) {
        self.name = name
        self.k = 5
    }

    public init(name: String = id, k: Int) {
        self.name = name
        self.k = k
    }

    public func reset() { (correct, total) = (0, 0) }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let n = p.rowLength
        for r in 0..<p.rows where inTopK(p.pointer + r * n, n, argmax(t.pointer + r * n, n), k) { correct += 1 }
        total += p.rows
    }

    public var result: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}

/// Keras `sparse_top_k_categorical_accuracy` (k = 5), the target an integer class label.
public final class SparseTopKCategoricalAccuracy: RegisteredMetric {
    public static let id = "sparse_top_k_categorical_accuracy"
    public static let targets = MetricTargets.classIndices
    public let name: String
    public let k: Int
    private var correct = 0, total = 0

    public init(name: String = id) {
        self.name = name
        self.k = 5
    }

    public init(name: String = id, k: Int) {
        self.name = name
        self.k = k
    }

    public func reset() { (correct, total) = (0, 0) }

    public func update(predictions p: Tensor, targets t: Tensor) {
        let n = p.rowLength
        for r in 0..<p.rows where inTopK(p.pointer + r * n, n, Int(t[r]), k) { correct += 1 }
        total += p.rows
    }

    public var result: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}

/// Whether fewer than k of the n values are strictly larger than the value at `target`.
@inline(__always) func inTopK(_ p: UnsafePointer<Float>, _ n: Int, _ target: Int, _ k: Int) -> Bool {
    let v = p[target]
    var larger = 0
    for j in 0..<n where p[j] > v { larger += 1 }
    return larger < k
}
