import Activations
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
    /// Tensors that are saved and loaded but never trained (moving statistics); valid after `build`.
    var state: [Parameter] { get }
    /// Whether the layer only declares the model's input (Keras `Input`): summaries leave it
    /// out, and the layers after it need no input gradient.
    var isInputDeclaration: Bool { get }

    /// What `build(inputShape:)` would make, from the configuration alone: output shape and
    /// weight counts, without allocating. Throws on shapes the layer cannot take.
    func plan(inputShape: [Int]) throws -> LayerPlan
    /// Creates the weights for a per-sample input shape. Throws on shapes the layer cannot take.
    func build(inputShape: [Int], rng: inout RandomGenerator) throws
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Stores parameter gradients from dL/d(output) and returns dL/d(input) when asked for it.
    func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor?

    /// The probability function the layer applies last, when a cross-entropy loss may fuse with it.
    var outputFusion: ProbabilityOutput? { get }
    /// Backward from dL/d(pre-activation) of the final probability function (the fused
    /// loss gradient); called only on layers whose `outputFusion` is not nil.
    func backward(fusedGradient: Tensor, needInputGradient: Bool) -> Tensor?
}

extension Layer {
    public var declaredInputShape: [Int]? { nil }
    public var state: [Parameter] { [] }
    public var isInputDeclaration: Bool { false }
    public var outputFusion: ProbabilityOutput? { nil }
    public func backward(fusedGradient: Tensor, needInputGradient: Bool) -> Tensor? {
        preconditionFailure("\(typeName) '\(name)' has no fused output gradient")
    }
    /// Trainable and non-trainable values once built (Keras `count_params`).
    public var parameterCount: Int { (parameters + state).reduce(0) { $0 + $1.value.count } }
}

/// A tensor of a layer and, when it is trainable, the gradient of the loss with respect to it.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public let value: Tensor
    /// Same shape as `value` when trainable; empty for state, which no optimizer sees.
    public let gradient: Tensor
    public let isTrainable: Bool

    public init(name: String, value: Tensor, trainable: Bool = true) {
        self.name = name
        self.value = value
        self.isTrainable = trainable
        self.gradient = Tensor(zeros: trainable ? value.shape : [0])
    }
}

/// Returns `buffer` resized to `rows` x `rowShape`, reallocating only when it is too small.
func ensure(_ buffer: inout Tensor?, rows: Int, rowShape: [Int]) -> Tensor {
    if let b = buffer, b.capacity >= rows * rowShape.reduce(1, *), b.shape.count == rowShape.count + 1,
       b.shape.dropFirst().elementsEqual(rowShape) {
        b.resize(rows: rows)
        return b
    }
    let b = Tensor(zeros: [rows] + rowShape)
    buffer = b
    return b
}
