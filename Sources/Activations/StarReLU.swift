import Foundation
import Tensors

/// StarReLU (MetaFormer): f(x) = s relu(x)^2 + b, f'(x) = 2 s relu(x); df/ds = relu(x)^2,
/// df/db = 1. The paper's s = 0.8944, b = -0.4472 make f(Z) zero-mean with unit variance for
/// Z ~ N(0, 1); both are learned (one scalar each per layer) in Dense and the stand-alone layer.
public struct StarReLU: LearnableActivation, RegisteredActivation {
    public static let id = "star_relu"
    public static let parameterSpecs = [
        ParameterSpec("scale", default: 0.8944, "s, the scale of relu(x)^2 (learnable; timm's layer starts at 1)"),
        ParameterSpec("bias", default: -0.4472, "b, the offset (learnable; timm's layer starts at 0)"),
    ]
    public let scale: Float, bias: Float

    public init(scale: Float = 0.8944, bias: Float = -0.4472) {
        self.scale = Float(Self.checked("scale", Double(scale)))
        self.bias = Float(Self.checked("bias", Double(bias)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(scale: Float(try Self.required("scale", in: p)), bias: Float(try Self.required("bias", in: p)))
    }

    public var parameters: [String: Double] { ["scale": Double(scale), "bias": Double(bias)] }
    public var layerTypeName: String { "StarReLU" }

    public var learnableTensors: [LearnableTensor] {
        [LearnableTensor(name: "scale", perChannel: false, initial: [scale]), LearnableTensor(name: "bias", perChannel: false, initial: [bias])]
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, values: LearnedValues) {
        let s = values.pointers[0][0], b = values.pointers[1][0]
        nonisolated(unsafe) let (x, y) = (x, y)
        Parallel.forEachChunk(rows * columns) { range in
            for i in range { let r = x[i] < 0 ? 0 : x[i]; y[i] = VectorMath.mulAdd(s * r, r, b) }  // NaN passes
        }
    }

    public func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, rows: Int, columns: Int,
                         values: LearnedValues, gradients: LearnedValues) {
        let s = values.pointers[0][0]
        var gs = 0.0, gb = 0.0
        for i in 0..<rows * columns {
            let r = x[i] > 0 ? x[i] : 0, g = dy[i]
            gs += Double(g * r * r)
            gb += Double(g)
            dx?[i] = g * 2 * s * r
        }
        gradients.pointers[0][0] = Float(gs)
        gradients.pointers[1][0] = Float(gb)
    }

    public func learned(_ values: [String: [Float]]) throws -> any ActivationFunction {
        try StarReLU(parameters: ["scale": Double(values["scale"]?.first ?? scale), "bias": Double(values["bias"]?.first ?? bias)])
    }

    public func value(_ x: Double) -> Double { x.isNaN ? x : Double(scale) * (x > 0 ? x * x : 0) + Double(bias) }
    public func derivative(_ x: Double) -> Double { x > 0 ? 2 * Double(scale) * x : 0 }
    /// df/ds and df/db, for the parameter-gradient checks.
    public func parameterDerivatives(_ x: Double) -> [String: Double] { ["scale": x > 0 ? x * x : 0, "bias": 1] }

    public var formula: String { "scale * max(x, 0)^2 + bias" }
    public var reference: String { "Yu, Si, Zhou, Yu, Zhou, Feng & Wang, 2022 (MetaFormer Baselines for Vision)" }
    public var characterSheet: CharacterSheet {
        let s = Double(scale), b = Double(bias)
        return CharacterSheet(range: (s < 0 ? -.infinity : b, s > 0 ? .infinity : b), zeroCentred: abs(s / 2 + b) < 1e-7,
                              monotonic: true, smooth: true, saturating: s == 0, usesExp: false,
                              maxDerivative: s == 0 ? 0 : .infinity)
    }
}
