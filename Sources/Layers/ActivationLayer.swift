import Activations
import Tensors

/// Keras `Activation` layer: y = f(x) for any activation, e.g. a stand-alone
/// `LeakyReLU(alpha: 0.1)` inside `Sequential { }`. In training, a function with training noise
/// (RReLU's slopes a ~ U(lower, upper)) draws it from the layer's seeded generator.
public final class ActivationLayer: RegisteredLayer {
    public static let typeName = "Activation"
    /// Version-1 files named stand-alone RReLU layers after the function.
    public static let aliases = ["RReLU"]
    public var name: String
    /// The function's own layer class where it has one (`RReLU`), else `Activation`.
    public var typeName: String { activation.layerTypeName }
    public let activation: any ActivationFunction
    public let seed: UInt64
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }
    private var randomSlopes: RandomSlopes
    private(set) var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    public init(_ activation: any ActivationFunction, seed: UInt64 = 0, name: String = "") {
        self.activation = activation
        self.seed = seed
        self.name = name
        randomSlopes = RandomSlopes(noise: activation.trainingNoise, seed: seed)
    }

    /// Keras `get_config`: the activation, and the seed of its training noise.
    public struct Configuration: Codable, Sendable {
        public var activation: ActivationRecord
        public var seed: UInt64?
    }

    public var configuration: Configuration { Configuration(activation: ActivationRecord(activation), seed: seed) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(try c.activation.make(), seed: c.seed ?? 0, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard let last = inputShape.last, last > 0 else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty last axis", got: inputShape)
        }
        do { try activation.validateColumns(last) } catch {
            throw LayerError.invalidArgument(layer: name, message: "\(error)")
        }
        return try LayerPlan(layer: name, outputShape: inputShape.dropLast() + [activation.outputColumns(forInputColumns: last)], trainable: [])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        outputShape = try plan(inputShape: inputShape).outputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        let n = x.rows
        let y = ensure(&output, rows: n, rowShape: outputShape)
        if randomSlopes.forward(training: training, x: x, y: y) { return y }
        // Row-wise functions work along the last axis, as Keras's axis = -1.
        let last = x.shape.last ?? 1
        activation.forward(x.pointer, y.pointer, rows: x.count / last, columns: last)
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient, let x = input, let y = output else { return nil }
        let dx = ensure(&gradInput, rows: x.rows, rowShape: Array(x.shape.dropFirst()))
        if randomSlopes.backward(x: x, dy: gradOutput, dx: dx) { return dx }
        let last = x.shape.last ?? 1
        activation.backward(x: x.pointer, y: y.pointer, dy: gradOutput.pointer, dx: dx.pointer, rows: x.count / last, columns: last)
        return dx
    }

    public var outputFusion: ProbabilityOutput? { activation.probabilityOutput }

    /// The input is the pre-activation, so the fused gradient passes straight through.
    public func backward(fusedGradient: Tensor, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient, let x = input else { return nil }
        let dx = ensure(&gradInput, rows: x.rows, rowShape: Array(x.shape.dropFirst()))
        dx.pointer.update(from: fusedGradient.pointer, count: x.count)
        return dx
    }
}
