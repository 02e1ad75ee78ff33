import Tensors

/// Keras `to_categorical`: class indices to one-hot rows of `classes` columns.
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    let t = Tensor(zeros: [labels.count, classes])
    for (r, c) in labels.enumerated() where (0..<classes).contains(c) { t[r * classes + c] = 1 }
    return t
}

/// Class indices as a one-column tensor, for sparse categorical cross-entropy.
public func labelColumn(_ labels: [Int]) -> Tensor {
    Tensor(shape: [labels.count, 1], scalars: labels.map(Float.init))
}
