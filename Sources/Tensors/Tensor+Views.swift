/// Views: tensors with their own shape over another tensor's storage.
extension Tensor {
    /// A new tensor over this one's storage with `newShape` (Keras `Reshape`, PyTorch `view`):
    /// nothing is copied, and writes through either are seen by both. One dimension may be -1
    /// and is inferred from the element count. Throws when the shape does not fit.
    public func reshaped(_ newShape: [Int]) throws(ShapeError) -> Tensor {
        Tensor(storage: storage, shape: try Self.resolve(newShape, from: shape))
    }

    /// Whether this tensor and `other` read and write the same memory.
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

    /// Points this view at `base`'s storage, keeping its own per-row shape and taking as many
    /// rows as `base` holds scalars for. Allocates nothing, so a layer can keep one view and
    /// rebind it to each step's input even after that input was reallocated for a bigger batch.
    public func rebind(to base: Tensor) {
        precondition(rank >= 1, "a scalar tensor has no rows to rebind")
        let n = rowLength
        let rows = n == 0 ? base.rows : base.count / n
        precondition(rows * n == base.count, "\(base.shape) does not split into rows of \(shape.dropFirst())")
        storage = base.storage
        pointer = base.pointer
        if shape[0] != rows { shape[0] = rows }
    }

    /// Points this view at `base`'s storage with `newShape`, which must hold exactly `base.count`
    /// scalars (no -1 here: layer code knows its shapes). Allocates nothing when the rank is unchanged.
    public func rebind(to base: Tensor, shape newShape: [Int]) {
        precondition(newShape.allSatisfy { $0 >= 0 } && MemoryBudget.product(newShape) == base.count,
                     "cannot view \(base.shape) as \(newShape)")
        storage = base.storage
        pointer = base.pointer
        if newShape.count == shape.count {
            for (i, d) in newShape.enumerated() where shape[i] != d { shape[i] = d }
        } else {
            shape = newShape
        }
    }

    /// `requested` with its -1 (if any) filled in so that it holds as many scalars as `current`.
    static func resolve(_ requested: [Int], from current: [Int]) throws(ShapeError) -> [Int] {
        func fail(_ reason: String) -> ShapeError { ShapeError(from: current, to: requested, reason: reason) }
        let count = current.reduce(1, *)
        let inferred = requested.indices.filter { requested[$0] == -1 }
        guard inferred.count <= 1 else { throw fail("only one dimension may be -1") }
        if let bad = requested.first(where: { $0 < -1 }) { throw fail("dimension \(bad) is negative") }
        guard let known = MemoryBudget.product(requested.filter { $0 != -1 }) else {
            throw fail("the dimensions' product overflows")
        }
        guard let at = inferred.first else {
            guard known == count else { throw fail("\(count) elements do not fill \(known)") }
            return requested
        }
        guard known != 0 else { throw fail("-1 cannot be inferred next to a zero dimension") }
        guard count % known == 0 else { throw fail("\(count) elements do not divide into rows of \(known)") }
        var resolved = requested
        resolved[at] = count / known
        return resolved
    }
}
