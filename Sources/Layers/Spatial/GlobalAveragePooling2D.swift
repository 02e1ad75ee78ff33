import Tensors

/// Keras `GlobalAveragePooling2D`: the mean over height and width of each channel, [h, w, c] -> [c].
public final class GlobalAveragePooling2D: RegisteredLayer {
    public static let typeName = "GlobalAveragePooling2D"
    public var name: String
    public let declaredInputShape: [Int]?
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }
    private var pixels = 0, channels = 0
    private var inputShape: [Int] = []
    private var output: Tensor?
    private var gradInput: Tensor?

    public init(inputShape: [Int]? = nil, name: String = "") {
        declaredInputShape = inputShape
        self.name = name
    }

    /// Keras `get_config` (channels-last, keepdims false).
    public struct Configuration: Codable, Sendable {
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey { case inputShape = "input_shape" }
    }

    public var configuration: Configuration { Configuration(inputShape: declaredInputShape) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(inputShape: c.inputShape, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        let g = try SpatialGeometry(layer: name, inputShape: inputShape, kernel: 1, strides: 1, padding: .valid)
        return try LayerPlan(layer: name, outputShape: [g.channels], trainable: [])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        outputShape = try plan(inputShape: inputShape).outputShape
        self.inputShape = inputShape
        (pixels, channels) = (inputShape[0] * inputShape[1], inputShape[2])
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let y = ensure(&output, rows: x.rows, rowShape: outputShape)
        nonisolated(unsafe) let (xp, yp) = (x.pointer, y.pointer)
        let (hw, c) = (pixels, channels), scale = 1 / Float(pixels)
        Parallel.run(parts: x.rows) { s in
            let out = yp + s * c, image = xp + s * hw * c
            out.update(repeating: 0, count: c)
            for p in 0..<hw { let v = image + p * c; for j in 0..<c { out[j] += v[j] } }
            for j in 0..<c { out[j] *= scale }
        }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient else { return nil }
        let dx = ensure(&gradInput, rows: gradOutput.rows, rowShape: inputShape)
        nonisolated(unsafe) let (dy, d) = (gradOutput.pointer, dx.pointer)
        let (hw, c) = (pixels, channels), scale = 1 / Float(pixels)
        Parallel.run(parts: gradOutput.rows) { s in
            let g = dy + s * c, image = d + s * hw * c
            for p in 0..<hw { let v = image + p * c; for j in 0..<c { v[j] = g[j] * scale } }
        }
        return dx
    }
}
