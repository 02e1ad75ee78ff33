/// The Float memory behind one or more tensors; freed when the last tensor using it goes away.
///
/// A separate object so that views (`Tensor.reshaped(_:)`, `Tensor.rebind(to:)`) can share one
/// allocation with different shapes, and so that a view kept by a layer holds the memory alive
/// even after the tensor it was taken from has been replaced by a bigger one.
public final class TensorStorage: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of Floats allocated (at least 1, so an empty tensor still has a valid pointer).
    public let capacity: Int

    /// `capacity` zero-filled Floats.
    public init(zeros capacity: Int) {
        precondition(capacity >= 0, "negative storage capacity \(capacity)")
        self.capacity = Swift.max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: 0, count: self.capacity)
    }

    deinit { pointer.deallocate() }
}
