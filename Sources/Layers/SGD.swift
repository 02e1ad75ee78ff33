import Tensors

/// Stochastic gradient descent, Keras form: v = momentum * v - lr * g; w += v
/// (Nesterov: w += momentum * v - lr * g); plain w -= lr * g without momentum.
public final class SGD: Optimizer {
    public let id = "sgd"
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    let slots = OptimizerSlots()

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public func update(_ parameters: [Parameter]) {
        let (lr, mu, nesterov) = (learningRate, momentum, nesterov)
        for p in parameters {
            nonisolated(unsafe) let w = p.value.pointer, g = p.gradient.pointer
            if mu == 0 {
                Parallel.forEachChunk(p.value.count) { r in for i in r { w[i] -= lr * g[i] } }
                continue
            }
            nonisolated(unsafe) let v = slots.tensors(for: p, count: 1)[0].pointer
            Parallel.forEachChunk(p.value.count) { r in
                for i in r {
                    let vi = mu * v[i] - lr * g[i]
                    v[i] = vi
                    w[i] += nesterov ? mu * vi - lr * g[i] : vi
                }
            }
        }
    }
}
