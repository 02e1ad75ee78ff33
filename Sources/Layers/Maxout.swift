import Activations
import Tensors

/// Maxout layer: `units` outputs, each the maximum of `pieces` affine functions of the input,
/// y_j = max_i (x W_{j,i} + b_{j,i}): a Dense layer of units * pieces followed by the max over
/// each group (Goodfellow et al., 2013).
public final class Maxout: RegisteredLayer {
    public static let typeName = "Maxout"
    public var name: String
    public let units: Int
    public let pieces: Int
    public let declaredInputShape: [Int]?
    /// Made by `build`, once units * pieces is known to be a sane width.
    private var dense: Dense?
    private let reduce: MaxoutActivation
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { dense?.parameters ?? [] }
    private var preActivation: Tensor?
    private var output: Tensor?
    private var gradPreActivation: Tensor?

    public init(_ units: Int, pieces: Int = 2, inputShape: [Int]? = nil, name: String = "") {
        self.units = units
        self.pieces = pieces
        declaredInputShape = inputShape
        self.name = name
        reduce = MaxoutActivation(pieces: pieces)
    }

    /// Keras-style `get_config`: units, pieces and the declared input shape.
    public struct Configuration: Codable, Sendable {
        public var units: Int
        public var pieces: Int
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey { case units, pieces, inputShape = "input_shape" }
    }

    public var configuration: Configuration { Configuration(units: units, pieces: pieces, inputShape: declaredInputShape) }

    public convenience init(configuration c: Configuration, name: String) throws {
        // The activation's own range check, as an error rather than a trap on a value from a file.
        _ = try MaxoutActivation(parameters: ["pieces": Double(c.pieces)])
        self.init(c.units, pieces: c.pieces, inputShape: c.inputShape, name: name)
    }

    /// units * pieces, or a one-line error when it is not positive or overflows.
    private func width() throws -> Int {
        guard units > 0 else { throw LayerError.invalidArgument(layer: name, message: "units must be positive, got \(units)") }
        let (w, overflow) = units.multipliedReportingOverflow(by: pieces)
        guard !overflow else { throw LayerError.invalidArgument(layer: name, message: "\(units) units x \(pieces) pieces overflows a 64-bit count") }
        return w
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        let w = try width()
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw LayerError.shapeMismatch(layer: name, expected: "a flat input (features,)", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: [units], trainable: [[inputShape[0], w], [w]])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        _ = try plan(inputShape: inputShape)
        let dense = Dense(try width(), inputShape: declaredInputShape, name: name + "/dense")
        try dense.build(inputShape: inputShape, rng: &rng)
        self.dense = dense
        outputShape = [units]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let dense else { preconditionFailure("Maxout.forward before build") }
        let z = dense.forward(x, training: training)
        preActivation = z
        let y = ensure(&output, rows: x.rows, rowShape: [units])
        reduce.forward(z.pointer, y.pointer, rows: x.rows, columns: units * pieces)
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let dense, let z = preActivation, let y = output else { preconditionFailure("Maxout.backward before forward") }
        let dz = ensure(&gradPreActivation, rows: z.rows, rowShape: [units * pieces])
        reduce.backward(x: z.pointer, y: y.pointer, dy: gradOutput.pointer, dx: dz.pointer, rows: z.rows, columns: units * pieces)
        return dense.backward(dz, needInputGradient: needInputGradient)
    }
}
