import Activations
import Layers

/// The experiment-A network: `depth` hidden Dense layers of `hiddenUnits` with one activation,
/// then a softmax classifier (784-512-10 at depth 1: 407,050 parameters; depth 6: 1,720,330).
public enum MLP {
    public static func make(inputs: Int = 784, hiddenUnits: Int = 512, depth: Int, activation: any ActivationFunction,
                            classes: Int = 10, seed: UInt64 = 0) throws -> Sequential {
        guard depth >= 1 else { throw ExperimentError("depth must be at least 1, got \(depth)") }
        return Sequential(name: "mlp_\(activation.id)_\(depth)", seed: seed) {
            Dense(hiddenUnits, activation: activation, inputShape: [inputs])
            for _ in 1..<depth { Dense(hiddenUnits, activation: activation) }
            Dense(classes, activation: .softmax)
        }
    }

    /// Floating-point operations in one training step per sample: forward, weight gradients,
    /// and input gradients for every layer but the first (which none needs).
    public static func trainingFlopsPerSample(_ model: Sequential) -> Double {
        var flops = 0.0
        for (i, layer) in model.layers.enumerated() {
            guard let dense = layer as? Dense else { continue }
            let macs = Double(dense.kernel.value.count)
            flops += 2 * macs * (i == 0 ? 2 : 3)
        }
        return flops
    }
}

/// An experiment that cannot run as configured.
public struct ExperimentError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
