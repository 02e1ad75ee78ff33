/// A dense row-major Float32 array with a shape, over storage it may share with other tensors.
///
/// A reference type, like a PyTorch tensor: layers keep their buffers and reuse them every
/// training step, so nothing is allocated on the hot path. `resize(rows:)` changes the
/// leading dimension within the allocated capacity without touching memory. The memory is a
/// `TensorStorage`; `reshaped(_:)` and `rebind(to:)` make views (tensors with their own shape
/// over the same storage), so reshaping a batch copies nothing and a write through a view is
/// seen by every tensor on that storage.
public final class Tensor: @unchecked Sendable, CustomStringConvertible {
    public internal(set) var shape: [Int]
    /// The memory this tensor reads and writes; other tensors may share it.
    public internal(set) var storage: TensorStorage
    /// `storage.pointer`, kept in a stored property because every kernel reads it.
    public internal(set) var pointer: UnsafeMutablePointer<Float>
    public var capacity: Int { storage.capacity }

    /// A zero-filled tensor of `shape`.
    public init(zeros shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        self.shape = shape
        storage = TensorStorage(zeros: shape.reduce(1, *))
        pointer = storage.pointer
    }

    /// A view of `storage` with `shape`, which must fit in it.
    public init(storage: TensorStorage, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) <= storage.capacity,
                     "shape \(shape) does not fit a storage of \(storage.capacity) scalars")
        self.shape = shape
        self.storage = storage
        pointer = storage.pointer
    }

    /// A tensor of `shape` holding `scalars` (row-major); their count must match.
    public convenience init(shape: [Int], scalars: [Float]) {
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.init(zeros: shape)
        scalars.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: scalars.count) }
    }

    /// A tensor of `shape` filled with `value`.
    public convenience init(repeating value: Float, shape: [Int]) {
        self.init(zeros: shape)
        pointer.update(repeating: value, count: count)
    }

    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }
    /// Size of the leading (batch) dimension.
    public var rows: Int { shape.first ?? 1 }
    /// Elements per leading index.
    public var rowLength: Int { shape.dropFirst().reduce(1, *) }

    public var scalars: [Float] { Array(buffer) }
    public var buffer: UnsafeMutableBufferPointer<Float> { .init(start: pointer, count: count) }

    public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    public subscript(row: Int, column: Int) -> Float {
        get { pointer[row * rowLength + column] }
        set { pointer[row * rowLength + column] = newValue }
    }

    /// Sets the leading dimension to `rows`, reallocating only if capacity is exceeded.
    public func resize(rows: Int) {
        guard shape.first != rows else { return }
        let needed = rows * rowLength
        precondition(needed <= capacity, "resize to \(rows) rows exceeds capacity \(capacity)")
        shape[0] = rows
    }

    /// Reinterprets the same storage with another shape of equal element count; one dimension
    /// may be -1 and is inferred. A programmer error traps; for shapes a user gave, use `reshaped(_:)`.
    public func reshape(_ newShape: [Int]) {
        do {
            shape = try Self.resolve(newShape, from: shape)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// A new tensor holding `rows` consecutive rows starting at `start`.
    public func rows(_ range: Range<Int>) -> Tensor {
        var s = shape
        s[0] = range.count
        let out = Tensor(zeros: s)
        out.pointer.update(from: pointer + range.lowerBound * rowLength, count: range.count * rowLength)
        return out
    }

    /// A new tensor gathering the rows at `indices`, in order.
    public func gatherRows(_ indices: some Collection<Int>) -> Tensor {
        var s = shape
        s[0] = indices.count
        let out = Tensor(zeros: s)
        gatherRows(indices, into: out)
        return out
    }

    /// Copies the rows at `indices` into `destination`, which is resized to hold them.
    /// Inlinable so that callers get it specialised for their collection (fit's array slice).
    @inlinable
    public func gatherRows(_ indices: some Collection<Int>, into destination: Tensor) {
        destination.resize(rows: indices.count)
        let n = rowLength
        var d = destination.pointer
        // Short rows (a curve fit's single x) copy element by element: a memmove call per row
        // would cost more than the copy.
        if n <= 8 {
            for i in indices {
                for c in 0..<n { d[c] = pointer[i * n + c] }
                d += n
            }
            return
        }
        for i in indices {
            d.update(from: pointer + i * n, count: n)
            d += n
        }
    }

    public func copy() -> Tensor { Tensor(shape: shape, scalars: scalars) }

    public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }

    public var description: String {
        let preview = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", ..." : "")])"
    }
}
