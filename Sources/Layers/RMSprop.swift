import CVectorMath
import Tensors

/// RMSprop: v = rho * v + (1 - rho) * g^2; w -= lr * g / sqrt(v + eps) (Keras 3, TensorFlow)
/// or w -= lr * g / (sqrt(v) + eps) (Keras 2, PyTorch). Defaults lr 0.001, rho 0.9, eps 1e-7.
///
/// The placement matters when gradients vanish: inside the root eps puts a floor of
/// sqrt(1e-7) ≈ 3e-4 under the denominator, so a layer whose gradients are ~1e-6 barely
/// moves; outside it, every layer takes steps of about lr (a six-layer sigmoid net on
/// MNIST learns with one and stays at chance for five epochs with the other).
public final class RMSprop: Optimizer {
    /// Where epsilon enters the denominator.
    public enum EpsilonPlacement: String, Sendable, Codable, CaseIterable {
        /// sqrt(v + eps): Keras 3 and TensorFlow.
        case insideSquareRoot = "inside"
        /// sqrt(v) + eps: Keras 2 (the articles' notebooks) and PyTorch.
        case outsideSquareRoot = "outside"
    }

    public let id = "rmsprop"
    public var learningRate: Float
    public let rho: Float
    public let epsilon: Float
    public let epsilonPlacement: EpsilonPlacement
    let slots = OptimizerSlots()

    public init(learningRate: Float = 0.001, rho: Float = 0.9, epsilon: Float = 1e-7,
                epsilonPlacement: EpsilonPlacement = .insideSquareRoot) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.epsilonPlacement = epsilonPlacement
    }

    public func update(_ parameters: [Parameter]) {
        let (lr, rho, eps) = (learningRate, rho, epsilon)
        let inside = epsilonPlacement == .insideSquareRoot
        for p in parameters {
            nonisolated(unsafe) let w = p.value.pointer, g = p.gradient.pointer
            nonisolated(unsafe) let v = slots.tensors(for: p, count: 1)[0].pointer
            Parallel.forEachChunk(p.value.count) { r in
                if inside {
                    for i in r {
                        let gi = g[i]
                        let vi = rho * v[i] + (1 - rho) * gi * gi
                        v[i] = vi
                        w[i] -= lr * gi / actlab_sqrtf(vi + eps)
                    }
                } else {
                    for i in r {
                        let gi = g[i]
                        let vi = rho * v[i] + (1 - rho) * gi * gi
                        v[i] = vi
                        w[i] -= lr * gi / (actlab_sqrtf(vi) + eps)
                    }
                }
            }
        }
    }
}
