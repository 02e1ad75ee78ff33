import Activations
import Tensors

/// Maxout layer: `units` outputs, each the maximum of `pieces` affine functions of the input,
/// y_j = max_i (x W_{j,i} + b_{j,i}): a Dense layer of units * pieces followed by the max over
/// each group (Goodfellow et al., 2013).
public final class Maxout: Layer {
    public var name: String
    public let typeName = "Maxout"
    public let units: Int
    public let pieces: Int
    public let declaredInputShape: [Int]?
    private let dense: Dense
    private let reduce: MaxoutActivation
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { dense.parameters }
    private var preActivation: Tensor?
    private var output: Tensor?
    private var gradPreActivation: Tensor?

    public init(_ units: Int, pieces: Int = 2, inputShape: [Int]? = nil, name: String = "") {
        self.units = units
        self.pieces = pieces
        declaredInputShape = inputShape
        self.name = name
        dense = Dense(units * pieces, inputShape: inputShape)
        reduce = MaxoutActivation(pieces: pieces)
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        guard units > 0 else { throw LayerError.invalidArgument(layer: name, message: "units must be positive, got \(units)") }
        dense.name = name + "/dense"
        try dense.build(inputShape: inputShape, rng: &rng)
        outputShape = [units]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let z = dense.forward(x, training: training)
        preActivation = z
        let y = ensure(&output, rows: x.rows, rowShape: [units])
        reduce.forward(z.pointer, y.pointer, rows: x.rows, columns: units * pieces)
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let z = preActivation, let y = output else { preconditionFailure("Maxout.backward before forward") }
        let dz = ensure(&gradPreActivation, rows: z.rows, rowShape: [units * pieces])
        reduce.backward(x: z.pointer, y: y.pointer, dy: gradOutput.pointer, dx: dz.pointer, rows: z.rows, columns: units * pieces)
        return dense.backward(dz, needInputGradient: needInputGradient)
    }
}
