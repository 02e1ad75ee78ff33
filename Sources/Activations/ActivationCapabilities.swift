import Tensors

/// What an activation's training forward draws at random (RReLU's slopes): the layer that
/// applies the function keeps the noise buffer and the generator, the function says how to use them.
public protocol TrainingNoise: Sendable {
    /// Draws fresh noise for `count` elements into `noise` and writes y = f(x; noise).
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, noise: UnsafeMutablePointer<Float>,
                 count: Int, rng: inout RandomGenerator)
    /// dx = dy · ∂f/∂x under the noise the last forward drew.
    func backward(x: UnsafePointer<Float>, noise: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                  dx: UnsafeMutablePointer<Float>, count: Int)
}

/// A probability output that a matching cross-entropy loss can fuse with, so that the gradient
/// with respect to the pre-activations is the stable p - t instead of a quotient by p.
public enum ProbabilityOutput: Sendable, Equatable {
    /// Softmax along the last axis (categorical cross-entropy).
    case softmax
    /// Element-wise logistic sigmoid (binary cross-entropy).
    case sigmoid
}

/// A column count an activation cannot take (GLU's odd widths, maxout's indivisible ones).
public struct ColumnCountError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
