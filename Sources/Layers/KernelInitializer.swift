import Tensors

/// Draws a layer's initial weights from its fan-in and fan-out (Keras `kernel_initializer`).
public protocol KernelInitializer: Sendable {
    /// The Keras identifier, e.g. `"glorot_uniform"`; what a model file records.
    var id: String { get }
    func fill(_ weights: Tensor, fanIn: Int, fanOut: Int, rng: inout RandomGenerator)
}

/// Keras's `VarianceScaling`, of which its named initializers are instances: weights with
/// variance scale / n, n the fan-in, fan-out or their average; uniform on ±sqrt(3 scale / n), or
/// a normal truncated at two standard deviations and widened to keep that variance, as Keras does.
public struct VarianceScaling: KernelInitializer, Equatable {
    public enum Mode: String, Sendable { case fanIn = "fan_in", fanOut = "fan_out", fanAverage = "fan_avg" }
    public enum Distribution: String, Sendable { case uniform, truncatedNormal = "truncated_normal" }

    public let id: String
    public let scale: Double
    public let mode: Mode
    public let distribution: Distribution

    public init(id: String, scale: Double, mode: Mode, distribution: Distribution) {
        precondition(scale > 0, "a variance scale must be positive")
        (self.id, self.scale, self.mode, self.distribution) = (id, scale, mode, distribution)
    }

    public static let glorotUniform = VarianceScaling(id: "glorot_uniform", scale: 1, mode: .fanAverage, distribution: .uniform)
    public static let glorotNormal = VarianceScaling(id: "glorot_normal", scale: 1, mode: .fanAverage, distribution: .truncatedNormal)
    public static let heUniform = VarianceScaling(id: "he_uniform", scale: 2, mode: .fanIn, distribution: .uniform)
    public static let heNormal = VarianceScaling(id: "he_normal", scale: 2, mode: .fanIn, distribution: .truncatedNormal)
    public static let lecunUniform = VarianceScaling(id: "lecun_uniform", scale: 1, mode: .fanIn, distribution: .uniform)
    public static let lecunNormal = VarianceScaling(id: "lecun_normal", scale: 1, mode: .fanIn, distribution: .truncatedNormal)

    /// The standard deviation of a unit normal truncated to [-2, 2] (Keras's correction constant).
    public static let truncatedStandardDeviation = 0.87962566103423978

    public func fill(_ weights: Tensor, fanIn: Int, fanOut: Int, rng: inout RandomGenerator) {
        // Written as 2 scale / (in + out) for the average so glorot_uniform keeps Dense's original limit bit for bit.
        let (numerator, denominator): (Double, Int) = switch mode {
        case .fanIn: (scale, fanIn)
        case .fanOut: (scale, fanOut)
        case .fanAverage: (2 * scale, fanIn + fanOut)
        }
        switch distribution {
        case .uniform:
            let limit = (Float(3 * numerator) / Float(max(denominator, 1))).squareRoot()
            weights.fillUniform(-limit, limit, using: &rng)
        case .truncatedNormal:
            let std = Float((numerator / Double(max(denominator, 1))).squareRoot() / Self.truncatedStandardDeviation)
            for i in 0..<weights.count {
                var z = rng.normal()
                while abs(z) > 2 { z = rng.normal() }
                weights.pointer[i] = std * z
            }
        }
    }
}

/// Kernel initializers by Keras id.
public enum KernelInitializers {
    public static let all: [VarianceScaling] = [.glorotUniform, .glorotNormal, .heUniform, .heNormal, .lecunUniform, .lecunNormal]

    public static func named(_ id: String) throws -> VarianceScaling {
        guard let found = all.first(where: { $0.id == id }) else {
            throw LayerError.invalidData("unknown kernel initializer '\(id)'; known: \(all.map(\.id).joined(separator: ", "))")
        }
        return found
    }
}
