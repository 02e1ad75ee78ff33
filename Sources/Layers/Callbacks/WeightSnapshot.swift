import Tensors

/// A copy of a model's weights, kept in buffers allocated once and reused, so taking a snapshot
/// every epoch or batch costs a copy and nothing more.
final class WeightSnapshot {
    private var copies: [Tensor] = []
    private(set) var isEmpty = true

    /// Copies the values of `live` (a model's `weights`, taken once per fit).
    func capture(_ live: [Tensor]) {
        if copies.count != live.count || zip(copies, live).contains(where: { $0.shape != $1.shape }) {
            copies = live.map { Tensor(zeros: $0.shape) }
        }
        for (c, w) in zip(copies, live) { c.pointer.update(from: w.pointer, count: w.count) }
        isEmpty = false
    }

    /// Writes the copied values back into `live`.
    func restore(_ live: [Tensor]) {
        guard !isEmpty else { return }
        for (c, w) in zip(copies, live) { w.pointer.update(from: c.pointer, count: w.count) }
    }

    func clear() { isEmpty = true }
}
