import Activations
import Tensors

/// A learnable activation on its own, like `PReLU` and `Swish`: `LearnableActivationLayer(Snake())`
/// trains snake's alpha per channel (the last axis), `LearnableActivationLayer(PAU())` pau's ten
/// shared coefficients. Model files store the function's initial parameters as the configuration
/// and the learned tensors as weights. Its class name is the function's (`Snake`, `PAU`, ...).
public final class LearnableActivationLayer: RegisteredLayer, LearnedActivationReporting {
    public static let typeName = "LearnableActivation"
    public static let aliases = ["StarReLU", "Snake", "SReLU", "ACONC", "PAU"]
    public var name: String
    public var typeName: String { function.layerTypeName }
    public let function: any LearnableActivation
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { learned?.parameters ?? [] }
    private var learned: LearnedActivationWeights?
    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    public init(_ function: any LearnableActivation, name: String = "") {
        self.function = function
        self.name = name
    }

    /// The layer for a registry id, e.g. `try LearnableActivationLayer("snake", parameters: ["alpha": 2])`;
    /// throws when the id is unknown or the function has nothing to learn.
    public convenience init(_ id: String, parameters: [String: Double] = [:], name: String = "") throws {
        let f = try Activation.named(id, parameters: parameters)
        guard let learnable = f.learnable else {
            throw LayerError.invalidArgument(layer: name, message: "activation '\(f.id)' has no learnable parameters; use Activation(\"\(f.id)\") instead")
        }
        self.init(learnable, name: name)
    }

    /// Keras-style `get_config`: the function with its initial parameters.
    public struct Configuration: Codable, Sendable {
        public var activation: ActivationRecord
    }

    public var configuration: Configuration { Configuration(activation: ActivationRecord(function)) }

    public convenience init(configuration c: Configuration, name: String) throws {
        try self.init(c.activation.id, parameters: c.activation.parameters, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard let channels = inputShape.last, channels > 0, MemoryBudget.product(inputShape).map({ $0 > 0 }) == true else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty per-sample shape with a last axis of channels", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: inputShape, trainable: LearnedActivationWeights.shapes(function, columns: channels))
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        _ = try plan(inputShape: inputShape)
        learned = LearnedActivationWeights(function, columns: inputShape[inputShape.count - 1], prefix: "")
        outputShape = inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let learned else { preconditionFailure("\(typeName) '\(name)' used before build") }
        input = x
        let y = ensure(&output, rows: x.rows, rowShape: outputShape)
        let channels = outputShape[outputShape.count - 1]
        function.forward(x.pointer, y.pointer, rows: x.count / channels, columns: channels, values: learned.values)
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let x = input, let learned else { preconditionFailure("\(typeName).backward before forward") }
        let dx = needInputGradient ? ensure(&gradInput, rows: x.rows, rowShape: outputShape) : nil
        let channels = outputShape[outputShape.count - 1]
        function.backward(x: x.pointer, dy: gradOutput.pointer, dx: dx?.pointer, rows: x.count / channels, columns: channels,
                          values: learned.values, gradients: learned.gradients)
        return dx
    }

    public var learnedActivation: (function: any LearnableActivation, values: [String: [Float]])? {
        learned.map { (function, $0.current) }
    }
}
