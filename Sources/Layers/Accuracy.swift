import Tensors

/// How predictions are turned into classes for the accuracy metric (Keras picks it from the loss).
public enum AccuracyKind: Sendable {
    /// argmax of predictions vs argmax of one-hot targets.
    case categorical
    /// argmax of predictions vs an integer class label.
    case sparseCategorical
    /// prediction > 0.5 vs target > 0.5, element by element.
    case binary

    /// Number of correct predictions in the batch (elements for binary, rows otherwise), and the count judged.
    public func correct(predictions p: Tensor, targets t: Tensor) -> (correct: Int, total: Int) {
        switch self {
        case .binary:
            var c = 0
            for i in 0..<p.count where (p[i] > 0.5) == (t[i] > 0.5) { c += 1 }
            return (c, p.count)
        case .categorical, .sparseCategorical:
            let rows = p.rows, k = p.rowLength
            var c = 0
            for r in 0..<rows {
                let predicted = argmax(p.pointer + r * k, k)
                let actual = self == .categorical ? argmax(t.pointer + r * k, k) : Int(t[r])
                if predicted == actual { c += 1 }
            }
            return (c, rows)
        }
    }
}

@inline(__always) func argmax(_ p: UnsafePointer<Float>, _ n: Int) -> Int {
    var best = 0
    for j in 1..<max(n, 1) where p[j] > p[best] { best = j }
    return best
}
