import Activations
import Tensors

/// The backward pass, with the loss fused into the last layer's probability function when they match.
extension Sequential {
    /// Propagates dL/d(output) back through every layer; with `fusedOutput`, `gradient` is
    /// dL/d(pre-activation) of the last layer's probability function (see `fusedLoss`).
    func backward(_ gradient: Tensor, fusedOutput: Bool) {
        var g = gradient
        // Layers that only declare the input take no gradient, so neither does the first real one.
        let first = layers.firstIndex { !$0.isInputDeclaration } ?? 0
        for step in executionSteps.reversed() {
            let next = step.backward(g, needInputGradient: step.layers.lowerBound > first,
                                     fusedOutput: fusedOutput && step.layers.upperBound == layers.count)
            guard let next else { return }
            g = next
        }
    }

    /// The loss to fuse with the model's final probability function (softmax or sigmoid, in a
    /// Dense layer or on its own), when the last layer applies the one the loss fuses with.
    var fusedLoss: (any FusableLoss)? {
        guard let fusable = loss as? any FusableLoss, let output = layers.last?.outputFusion,
              output == fusable.fusedOutput else { return nil }
        return fusable
    }

    /// The batch's mean loss, writing into `gradient` dL/d(output) or, with a fused loss,
    /// dL/d(pre-activation) of the last layer's probability function.
    func lossAndGradient(_ predictions: Tensor, _ targets: Tensor, into gradient: Tensor,
                         loss: any Loss, fused: (any FusableLoss)?) -> Float {
        guard let fused else { return loss.compute(predictions: predictions, targets: targets, gradient: gradient) }
        let value = fused.compute(predictions: predictions, targets: targets, gradient: nil)
        fused.preActivationGradient(probabilities: predictions, targets: targets, into: gradient)
        return value
    }
}
