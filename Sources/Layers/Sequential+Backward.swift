import Activations
import Tensors

/// The backward pass, with the loss fused into the last layer's probability function when they match.
extension Sequential {
    /// Propagates dL/d(output) back through every layer; with `fusedSoftmax`, `gradient` is
    /// dL/d(pre-activation) of the last layer's probability function (see `fusedSoftmaxLoss`).
    func backward(_ gradient: Tensor, fusedSoftmax: Bool) {
        var g = gradient
        // Layers that only declare the input take no gradient, so neither does the first real one.
        let first = layers.firstIndex { !$0.isInputDeclaration } ?? 0
        for (i, layer) in layers.enumerated().reversed() {
            let needInput = i > first
            let next = fusedSoftmax && i == layers.count - 1
                ? layer.backward(fusedGradient: g, needInputGradient: needInput)
                : layer.backward(g, needInputGradient: needInput)
            guard let next else { return }
            g = next
        }
    }

    /// The loss to fuse with the model's final probability function (softmax or sigmoid, in a
    /// Dense layer or on its own), when the last layer applies the one the loss fuses with.
    var fusedSoftmaxLoss: FusedOutputLoss? {
        guard let fusable = loss as? any FusableLoss, let output = layers.last?.outputFusion,
              output == fusable.fusedOutput else { return nil }
        return FusedOutputLoss(loss: fusable)
    }
}
