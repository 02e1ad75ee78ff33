import Activations
import Tensors

/// A cross-entropy loss with a fused, stable gradient through the probability function that
/// produced its predictions: dL/dz = (p - t) / scale instead of a quotient by p.
public protocol FusableLoss: Loss {
    /// The output function this loss fuses with.
    var fusedOutput: ProbabilityOutput { get }
    /// Writes dL/dz for the pre-activations z of `probabilities`.
    func preActivationGradient(probabilities: Tensor, targets: Tensor, into gradient: Tensor)
}

/// Softmax + categorical cross-entropy: dL/dz = (p - t) / batch.
extension CategoricalCrossEntropy: FusableLoss {
    public var fusedOutput: ProbabilityOutput { .softmax }
    public func preActivationGradient(probabilities p: Tensor, targets t: Tensor, into g: Tensor) {
        let scale = 1 / Float(p.rows)
        for i in 0..<p.count { g[i] = (p[i] - t[i]) * scale }
    }
}

/// Softmax + sparse categorical cross-entropy: dL/dz = (p - onehot(label)) / batch.
extension SparseCategoricalCrossEntropy: FusableLoss {
    public var fusedOutput: ProbabilityOutput { .softmax }
    public func preActivationGradient(probabilities p: Tensor, targets t: Tensor, into g: Tensor) {
        let rows = p.rows, classes = p.rowLength, scale = 1 / Float(rows)
        for i in 0..<p.count { g[i] = p[i] * scale }
        for r in 0..<rows { g[r * classes + Int(t[r])] -= scale }
    }
}

/// Sigmoid + binary cross-entropy: dL/dz = (p - t) / (batch * columns), the mean being over every element.
extension BinaryCrossEntropy: FusableLoss {
    public var fusedOutput: ProbabilityOutput { .sigmoid }
    public func preActivationGradient(probabilities p: Tensor, targets t: Tensor, into g: Tensor) {
        let scale = 1 / Float(p.count)
        for i in 0..<p.count { g[i] = (p[i] - t[i]) * scale }
    }
}
