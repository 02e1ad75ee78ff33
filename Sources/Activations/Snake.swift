import Foundation
import Tensors

/// Snake: f(x) = x + sin^2(alpha x) / alpha, f'(x) = 1 + sin(2 alpha x), never negative, so f
/// rises in steps; df/dalpha = x sin(2 alpha x) / alpha - sin^2(alpha x) / alpha^2. Periodic
/// inductive bias for audio (BigVGAN), with one learned alpha per channel.
public struct Snake: LearnableActivation, RegisteredActivation {
    public static let id = "snake"
    public static let parameterSpecs = [
        ParameterSpec("alpha", default: 1, "frequency (learnable, one per channel; BigVGAN starts at 1)", lower: 0, lowerInclusive: false),
    ]
    public let alpha: Float

    public init(alpha: Float = 1) { self.alpha = Float(Self.checked("alpha", Double(alpha))) }
    public init(parameters p: [String: Double]) throws { self.init(alpha: Float(try Self.required("alpha", in: p))) }
    public var parameters: [String: Double] { ["alpha": Double(alpha)] }
    public var layerTypeName: String { "Snake" }

    public var learnableTensors: [LearnableTensor] { [LearnableTensor(name: "alpha", perChannel: true, initial: [alpha])] }

    /// sin^2(a x) / a (its limit 0 at a = 0, which a trained alpha may reach) and sin(2 a x).
    /// The phase a x is formed in Double: in Float its rounding is a visible phase error at |x| ~ 30.
    @inline(__always) static func bump(_ x: Float, _ a: Float) -> (value: Float, doubleSine: Float) {
        let (s, c) = SineCosine.of(Double(a) * Double(x))
        return (a == 0 ? 0 : Float(s * s / Double(a)), Float(2 * s * c))
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, values: LearnedValues) {
        nonisolated(unsafe) let (x, y) = (x, y)
        nonisolated(unsafe) let a = values.pointers[0]
        let stride = values.strides[0]
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                for j in 0..<columns { let i = r * columns + j; y[i] = x[i] + Self.bump(x[i], a[j * stride]).value }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?, rows: Int, columns: Int,
                         values: LearnedValues, gradients: LearnedValues) {
        let a = values.pointers[0], stride = values.strides[0], ga = gradients.pointers[0]
        ga.update(repeating: 0, count: columns)
        for r in 0..<rows {
            for j in 0..<columns {
                let i = r * columns + j, aj = a[j * stride], v = x[i], g = dy[i]
                let (b, sin2) = Self.bump(v, aj)
                dx?[i] = g * (1 + sin2)
                if aj != 0 { ga[j] += g * (v * sin2 - b) / aj } else { ga[j] += g * v * v }
            }
        }
    }

    public func learned(_ values: [String: [Float]]) throws -> any ActivationFunction {
        try Snake(parameters: ["alpha": Double(values["alpha"]?.first ?? alpha)])
    }

    public func value(_ x: Double) -> Double { let s = Foundation.sin(Double(alpha) * x); return x + s * s / Double(alpha) }
    public func derivative(_ x: Double) -> Double { 1 + Foundation.sin(2 * Double(alpha) * x) }
    public func parameterDerivatives(_ x: Double) -> [String: Double] {
        let a = Double(alpha), s = Foundation.sin(a * x)
        return ["alpha": x * Foundation.sin(2 * a * x) / a - s * s / (a * a)]
    }

    public var formula: String { "x + sin^2(alpha x) / alpha" }
    public var reference: String { "Liu Ziyin, Hartwig & Ueda, 2020 (Neural Networks Fail to Learn Periodic Functions and How to Fix It)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: 2)
    }
}
