import Tensors

/// Keras `Flatten`: each sample as one flat vector. A view of the input (no copy), and the
/// gradient a view of the gradient: the layer moves no data.
public final class Flatten: RegisteredLayer {
    public static let typeName = "Flatten"
    public var name: String
    public let declaredInputShape: [Int]?
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }
    private var views = ReshapeViews()

    public init(inputShape: [Int]? = nil, name: String = "") {
        declaredInputShape = inputShape
        self.name = name
    }

    /// Keras `get_config`: channels-last only, so just the declared input shape.
    public struct Configuration: Codable, Sendable {
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey { case inputShape = "input_shape" }
    }

    public var configuration: Configuration { Configuration(inputShape: declaredInputShape) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(inputShape: c.inputShape, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard !inputShape.isEmpty, let n = MemoryBudget.product(inputShape), n > 0 else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty per-sample shape of positive sizes", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: [n], trainable: [])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        outputShape = try plan(inputShape: inputShape).outputShape
        views = ReshapeViews(input: inputShape, output: outputShape)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor { views.forward(input) }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        needInputGradient ? views.backward(gradOutput) : nil
    }
}

/// Keras `Reshape`: each sample to `targetShape` (one entry may be -1, inferred), as a view.
public final class Reshape: RegisteredLayer {
    public static let typeName = "Reshape"
    public var name: String
    public let targetShape: [Int]
    public let declaredInputShape: [Int]?
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }
    private var views = ReshapeViews()

    public init(_ targetShape: [Int], inputShape: [Int]? = nil, name: String = "") {
        self.targetShape = targetShape
        declaredInputShape = inputShape
        self.name = name
    }

    /// Keras `get_config`: the target shape.
    public struct Configuration: Codable, Sendable {
        public var targetShape: [Int]
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey { case targetShape = "target_shape", inputShape = "input_shape" }
    }

    public var configuration: Configuration { Configuration(targetShape: targetShape, inputShape: declaredInputShape) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(c.targetShape, inputShape: c.inputShape, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }), MemoryBudget.product(inputShape) != nil else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty per-sample shape of positive sizes", got: inputShape)
        }
        guard !targetShape.isEmpty, targetShape.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw LayerError.invalidArgument(layer: name, message: "target_shape must be positive sizes and at most one -1, got \(targetShape)")
        }
        let count = MemoryBudget.product(inputShape)!
        let known = targetShape.filter { $0 != -1 }
        let free = targetShape.count - known.count
        guard free <= 1, let product = MemoryBudget.product(known),
              free == 1 ? count % product == 0 : product == count else {
            throw LayerError.invalidArgument(layer: name, message: "cannot reshape \(inputShape) (\(count) values) to \(targetShape)")
        }
        let resolved = targetShape.map { $0 == -1 ? count / product : $0 }
        return try LayerPlan(layer: name, outputShape: resolved, trainable: [])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        outputShape = try plan(inputShape: inputShape).outputShape
        views = ReshapeViews(input: inputShape, output: outputShape)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor { views.forward(input) }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        needInputGradient ? views.backward(gradOutput) : nil
    }
}

/// The two views a reshaping layer hands on, rebound every step: no copy, no allocation.
struct ReshapeViews {
    private var inputShape: [Int] = [0]
    private var outputShape: [Int] = [0]
    private var output = Tensor(zeros: [0])
    private var gradInput = Tensor(zeros: [0])

    init() {}

    init(input: [Int], output: [Int]) {
        inputShape = [0] + input
        outputShape = [0] + output
        self.output = Tensor(zeros: [0] + output)
        gradInput = Tensor(zeros: [0] + input)
    }

    mutating func forward(_ x: Tensor) -> Tensor {
        outputShape[0] = x.rows
        output.rebind(to: x, shape: outputShape)
        return output
    }

    mutating func backward(_ dy: Tensor) -> Tensor {
        inputShape[0] = dy.rows
        gradInput.rebind(to: dy, shape: inputShape)
        return gradInput
    }
}
