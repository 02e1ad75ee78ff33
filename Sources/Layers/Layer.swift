import Tensors

/// A building block of a `Sequential` model: owns its weights and its activation buffers.
///
/// `forward` returns a tensor the layer owns and overwrites on the next call, so a training
/// step allocates nothing once the buffers exist.
public protocol Layer: AnyObject {
    /// Unique within a model (`dense`, `dense_1`, ...); set by the model when empty.
    var name: String { get set }
    /// The Keras class name shown by `summary()`.
    var typeName: String { get }
    /// The per-sample input shape given at construction (Keras `input_shape`), if any.
    var declaredInputShape: [Int]? { get }
    /// Per-sample output shape; valid after `build`.
    var outputShape: [Int] { get }
    /// Trainable tensors with their gradients; valid after `build`.
    var parameters: [Parameter] { get }

    /// Creates the weights for a per-sample input shape. Throws on shapes the layer cannot take.
    func build(inputShape: [Int], rng: inout RandomGenerator) throws
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Stores parameter gradients from dL/d(output) and returns dL/d(input) when asked for it.
    func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor?
}

extension Layer {
    public var declaredInputShape: [Int]? { nil }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// A trainable tensor and the gradient of the loss with respect to it.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public let value: Tensor
    public let gradient: Tensor

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }
}

/// Returns `buffer` resized to `rows` x `rowShape`, reallocating only when it is too small.
func ensure(_ buffer: inout Tensor?, rows: Int, rowShape: [Int]) -> Tensor {
    if let b = buffer, b.capacity >= rows * rowShape.reduce(1, *), Array(b.shape.dropFirst()) == rowShape {
        b.resize(rows: rows)
        return b
    }
    let b = Tensor(zeros: [rows] + rowShape)
    buffer = b
    return b
}
