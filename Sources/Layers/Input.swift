import Tensors

/// Keras `Input(shape:)` at the head of a `Sequential`: declares the per-sample input shape and
/// does nothing else. Like Keras, the summary leaves it out, and the layer after it is not
/// asked for an input gradient.
public final class Input: RegisteredLayer {
    public static let typeName = "InputLayer"
    public var name: String
    public let shape: [Int]
    public var declaredInputShape: [Int]? { shape }
    public var outputShape: [Int] { shape }
    public var parameters: [Parameter] { [] }
    public var isInputDeclaration: Bool { true }

    public init(shape: [Int], name: String = "") {
        self.shape = shape
        self.name = name
    }

    /// The per-sample shape (Keras's `batch_shape` without the batch axis).
    public struct Configuration: Codable, Sendable {
        public var shape: [Int]
    }

    public var configuration: Configuration { Configuration(shape: shape) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(shape: c.shape, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }), MemoryBudget.product(shape) != nil else {
            throw LayerError.invalidArgument(layer: name, message: "shape must be positive sizes, got \(shape)")
        }
        guard inputShape == shape else {
            throw LayerError.shapeMismatch(layer: name, expected: "\(shape) (an Input must come first)", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: shape, trainable: [])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws { _ = try plan(inputShape: inputShape) }

    public func forward(_ input: Tensor, training: Bool) -> Tensor { input }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? { needInputGradient ? gradOutput : nil }
}
