import Tensors
@testable import Layers

/// A layer defined outside the library, with state: y = (x - offset) * scale, a trainable scale
/// per feature (initially 1) and a non-trainable offset per feature (from the configuration).
final class ShiftLayer: RegisteredLayer {
    static let typeName = "TestShift"
    struct Configuration: Codable { var offset: Float; var inputShape: [Int]? }

    var name: String
    let initialOffset: Float
    let declaredInputShape: [Int]?
    private(set) var scale: Parameter?
    private(set) var offset: Parameter?
    private(set) var outputShape: [Int] = []
    var parameters: [Parameter] { scale.map { [$0] } ?? [] }
    var state: [Parameter] { offset.map { [$0] } ?? [] }
    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    init(offset: Float, inputShape: [Int]? = nil, name: String = "") {
        initialOffset = offset
        declaredInputShape = inputShape
        self.name = name
    }

    var configuration: Configuration { Configuration(offset: initialOffset, inputShape: declaredInputShape) }
    convenience init(configuration c: Configuration, name: String) throws {
        self.init(offset: c.offset, inputShape: c.inputShape, name: name)
    }

    func plan(inputShape: [Int]) throws -> LayerPlan {
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw LayerError.shapeMismatch(layer: name, expected: "a flat input", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: inputShape, trainable: [inputShape], state: [inputShape])
    }

    func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        _ = try plan(inputShape: inputShape)
        scale = Parameter(name: "scale", value: Tensor(repeating: 1, shape: inputShape))
        offset = Parameter(name: "offset", value: Tensor(repeating: initialOffset, shape: inputShape), trainable: false)
        outputShape = inputShape
    }

    func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        let y = Self.ensure(&output, like: x)
        let (s, o, c) = (scale!.value, offset!.value, x.rowLength)
        for i in 0..<x.count { y[i] = (x[i] - o[i % c]) * s[i % c] }
        return y
    }

    func backward(_ dy: Tensor, needInputGradient: Bool) -> Tensor? {
        let x = input!, (s, o, gs, c) = (scale!.value, offset!.value, scale!.gradient, x.rowLength)
        gs.fill(0)
        for i in 0..<x.count { gs[i % c] += dy[i] * (x[i] - o[i % c]) }
        guard needInputGradient else { return nil }
        let dx = Self.ensure(&gradInput, like: x)
        for i in 0..<x.count { dx[i] = dy[i] * s[i % c] }
        return dx
    }

    private static func ensure(_ buffer: inout Tensor?, like x: Tensor) -> Tensor {
        if let b = buffer, b.shape == x.shape { return b }
        buffer = Tensor(zeros: x.shape)
        return buffer!
    }
}
