import Tensors

/// RMSprop, Keras 3 form: v = rho * v + (1 - rho) * g^2; w -= lr * g / sqrt(v + eps).
/// Defaults lr 0.001, rho 0.9, eps 1e-7 (PyTorch puts eps outside the root and uses 1e-8).
public final class RMSprop: Optimizer {
    public let id = "rmsprop"
    public var learningRate: Float
    public let rho: Float
    public let epsilon: Float
    private let slots = OptimizerSlots()

    public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
    }

    public func update(_ parameters: [Parameter]) {
        let (lr, rho, eps) = (learningRate, rho, epsilon)
        for p in parameters {
            nonisolated(unsafe) let w = p.value.pointer, g = p.gradient.pointer
            nonisolated(unsafe) let v = slots.tensors(for: p, count: 1)[0].pointer
            Parallel.forEachChunk(p.value.count) { r in
                for i in r {
                    let gi = g[i]
                    let vi = rho * v[i] + (1 - rho) * gi * gi
                    v[i] = vi
                    w[i] -= lr * gi / (vi + eps).squareRoot()
                }
            }
        }
    }
}
