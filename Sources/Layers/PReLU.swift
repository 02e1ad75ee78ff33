import Activations
import Tensors

/// Keras `PReLU` layer: f(x) = x if x >= 0 else alpha_c * x with one learnable alpha per
/// channel (the last axis); df/dalpha_c = min(x, 0). Keras initialises alpha to 0, PyTorch to 0.25.
public final class PReLU: RegisteredLayer {
    public static let typeName = "PReLU"
    public var name: String
    public let initialAlpha: Float
    public private(set) var alpha: Parameter!
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { alpha.map { [$0] } ?? [] }
    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    public init(alpha: Float = 0, name: String = "") {
        initialAlpha = alpha
        self.name = name
    }

    /// Keras-style `get_config`: the initial alpha (a constant initializer).
    public struct Configuration: Codable, Sendable {
        public var alpha: Float
    }

    public var configuration: Configuration { Configuration(alpha: initialAlpha) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(alpha: c.alpha, name: name)
    }

    public static func upgradeVersion1(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        fields["initial_value"].map { ["alpha": $0] } ?? [:]
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard let channels = inputShape.last, channels > 0 else {
            throw LayerError.shapeMismatch(layer: name, expected: "a last axis of channels", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: inputShape, trainable: [[channels]])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        _ = try plan(inputShape: inputShape)
        alpha = Parameter(name: "alpha", value: Tensor(repeating: initialAlpha, shape: [inputShape[inputShape.count - 1]]))
        outputShape = inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        let y = ensure(&output, rows: x.rows, rowShape: outputShape)
        let c = alpha.value.count, a = alpha.value.pointer
        for i in 0..<x.count { let v = x[i]; y[i] = v >= 0 ? v : a[i % c] * v }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let x = input else { preconditionFailure("PReLU.backward before forward") }
        let c = alpha.value.count, a = alpha.value.pointer, ga = alpha.gradient.pointer
        ga.update(repeating: 0, count: c)
        for i in 0..<x.count where x[i] < 0 { ga[i % c] += gradOutput[i] * x[i] }
        guard needInputGradient else { return nil }
        let dx = ensure(&gradInput, rows: x.rows, rowShape: outputShape)
        for i in 0..<x.count { dx[i] = gradOutput[i] * (x[i] > 0 ? 1 : a[i % c]) }
        return dx
    }
}

/// Swish with a learnable beta: f(x) = x sigmoid(beta x), df/dbeta = x^2 s (1 - s).
public final class Swish: RegisteredLayer {
    public static let typeName = "Swish"
    public var name: String
    public let initialBeta: Float
    public private(set) var beta: Parameter!
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { beta.map { [$0] } ?? [] }
    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    public init(beta: Float = 1, name: String = "") {
        initialBeta = beta
        self.name = name
    }

    /// Keras-style `get_config`: the initial beta.
    public struct Configuration: Codable, Sendable {
        public var beta: Float
    }

    public var configuration: Configuration { Configuration(beta: initialBeta) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(beta: c.beta, name: name)
    }

    public static func upgradeVersion1(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        fields["initial_value"].map { ["beta": $0] } ?? [:]
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard !inputShape.isEmpty, MemoryBudget.product(inputShape).map({ $0 > 0 }) == true else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty per-sample shape", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: inputShape, trainable: [[1]])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        _ = try plan(inputShape: inputShape)
        beta = Parameter(name: "beta", value: Tensor(repeating: initialBeta, shape: [1]))
        outputShape = inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        let y = ensure(&output, rows: x.rows, rowShape: outputShape)
        let b = beta.value[0]
        for i in 0..<x.count { y[i] = x[i] * VectorMath.sigmoid(b * x[i]) }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let x = input else { preconditionFailure("Swish.backward before forward") }
        let b = beta.value[0]
        var gb: Double = 0
        let dx = needInputGradient ? ensure(&gradInput, rows: x.rows, rowShape: outputShape) : nil
        for i in 0..<x.count {
            let v = x[i], s = VectorMath.sigmoid(b * v), g = gradOutput[i]
            gb += Double(g * v * v * s * (1 - s))
            dx?[i] = g * (s + b * v * s * (1 - s))
        }
        beta.gradient[0] = Float(gb)
        return dx
    }
}
