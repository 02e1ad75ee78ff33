import Activations
import Tensors

/// An activation's training-time noise (RReLU's slopes): drawn on every training forward pass
/// from a seeded generator and kept for the backward pass, whichever layer applies the function.
struct RandomSlopes {
    private let noise: (any TrainingNoise)?
    private var rng: RandomGenerator
    private var drawn: Tensor?
    /// Whether the last forward pass drew noise, so backward must use it.
    private(set) var active = false

    init(noise: (any TrainingNoise)?, seed: UInt64) {
        self.noise = noise
        rng = RandomGenerator(seed: seed)
    }

    /// y = f(x; fresh noise) when training with a noisy function; returns false (and leaves y
    /// alone) otherwise, for the activation's own deterministic forward.
    mutating func forward(training: Bool, x: Tensor, y: Tensor) -> Bool {
        guard training, let noise else { active = false; return false }
        let a = ensure(&drawn, rows: x.rows, rowShape: Array(x.shape.dropFirst()))
        noise.forward(x.pointer, y.pointer, noise: a.pointer, count: x.count, rng: &rng)
        active = true
        return true
    }

    /// dx = dy ∂f/∂x under the noise drawn in forward; false when forward drew none.
    func backward(x: Tensor, dy: Tensor, dx: Tensor) -> Bool {
        guard active, let noise, let a = drawn else { return false }
        noise.backward(x: x.pointer, noise: a.pointer, dy: dy.pointer, dx: dx.pointer, count: x.count)
        return true
    }
}
