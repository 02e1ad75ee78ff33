import Activations
import Tensors

/// RReLU's training-time slopes: a ~ U(lower, upper) drawn per element on every forward pass from
/// a seeded generator and kept for the backward pass, whether RReLU stands alone or inside Dense.
struct RandomSlopes {
    private var rng: RandomGenerator
    private var slopes: Tensor?
    /// Whether the last forward pass drew slopes (training with RReLU), so backward must use them.
    private(set) var active = false

    init(seed: UInt64) { rng = RandomGenerator(seed: seed) }

    /// y = x for x >= 0, a x otherwise, with fresh slopes, when training with RReLU; returns false
    /// (and leaves y alone) otherwise, for the activation's own deterministic forward.
    mutating func forward(_ activation: any ActivationFunction, training: Bool, x: Tensor, y: Tensor) -> Bool {
        guard training, let r = activation as? RReLU else { active = false; return false }
        let a = ensure(&slopes, rows: x.rows, rowShape: Array(x.shape.dropFirst()))
        for i in 0..<x.count {
            a[i] = rng.uniform(r.lower, r.upper)
            y[i] = x[i] >= 0 ? x[i] : a[i] * x[i]
        }
        active = true
        return true
    }

    /// dx = dy (1 for x > 0, else the slope drawn in forward); false when forward drew none.
    func backward(x: Tensor, dy: Tensor, dx: Tensor) -> Bool {
        guard active, let a = slopes else { return false }
        for i in 0..<x.count { dx[i] = dy[i] * (x[i] > 0 ? 1 : a[i]) }
        return true
    }
}
