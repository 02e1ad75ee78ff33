import Activations
import Tensors

/// Keras `Activation` layer: y = f(x) for any activation, e.g. a stand-alone
/// `LeakyReLU(alpha: 0.1)` inside `Sequential { }`. In training, `RReLU` draws a slope
/// a ~ U(lower, upper) per element from the layer's seeded generator; at inference it uses the mean.
public final class ActivationLayer: Layer {
    public var name: String
    public let typeName: String
    public let activation: any ActivationFunction
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }
    private var randomSlopes: RandomSlopes
    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    public init(_ activation: any ActivationFunction, seed: UInt64 = 0, name: String = "") {
        self.activation = activation
        self.name = name
        typeName = activation is RReLU ? "RReLU" : "Activation"
        randomSlopes = RandomSlopes(seed: seed)
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        guard let last = inputShape.last else { throw LayerError.shapeMismatch(layer: name, expected: "at least one axis", got: inputShape) }
        outputShape = inputShape.dropLast() + [activation.outputColumns(forInputColumns: last)]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        let n = x.rows
        let y = ensure(&output, rows: n, rowShape: outputShape)
        if randomSlopes.forward(activation, training: training, x: x, y: y) { return y }
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
}
