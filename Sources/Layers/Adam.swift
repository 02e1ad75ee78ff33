import CVectorMath
import Foundation
import Tensors

/// Adam, Keras form: m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
/// w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps). Defaults lr 0.001, 0.9, 0.999, eps 1e-7.
public final class Adam: Optimizer {
    public let id = "adam"
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    let slots = OptimizerSlots()

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public func update(_ parameters: [Parameter]) {
        let t = Double(slots.advance())
        let alpha = Float(Double(learningRate) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        for p in parameters {
            nonisolated(unsafe) let w = p.value.pointer, g = p.gradient.pointer
            let s = slots.tensors(for: p, count: 2)
            nonisolated(unsafe) let m = s[0].pointer, v = s[1].pointer
            Parallel.forEachChunk(p.value.count) { r in
                for i in r {
                    let gi = g[i]
                    let mi = m[i] + (gi - m[i]) * (1 - b1)
                    let vi = v[i] + (gi * gi - v[i]) * (1 - b2)
                    m[i] = mi
                    v[i] = vi
                    w[i] -= alpha * mi / (actlab_sqrtf(vi) + eps)
                }
            }
        }
    }
}
