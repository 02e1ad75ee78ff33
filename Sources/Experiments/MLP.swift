import Activations
import Layers
import Tensors

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

    /// Parameters of the network `make` builds, or nil when the count overflows `Int`.
    public static func parameterCount(inputs: Int = 784, hiddenUnits: Int, depth: Int, classes: Int = 10) -> Int? {
        // (inputs + 1) * units + (depth - 1) * (units + 1) * units + (units + 1) * classes
        guard let first = MemoryBudget.product([inputs + 1, hiddenUnits]),
              let hidden = MemoryBudget.product([max(depth - 1, 0), hiddenUnits + 1, hiddenUnits]),
              let last = MemoryBudget.product([hiddenUnits + 1, classes]) else { return nil }
        return sum([first, hidden, last])
    }

    /// The sum, or nil when it overflows `Int`.
    private static func sum(_ terms: [Int]) -> Int? {
        var total = 0
        for t in terms {
            let (s, overflow) = total.addingReportingOverflow(t)
            guard !overflow else { return nil }
            total = s
        }
        return total
    }

    /// Throws a `SizeError` unless the network fits in memory before anything is built: its
    /// parameters with their gradients and two optimizer slots (four Floats each), plus, when
    /// training with `batchSize` rows, each layer's output and gradient for one batch.
    public static func checkMemory(inputs: Int = 784, hiddenUnits: Int, depth: Int, classes: Int = 10,
                                   batchSize: Int = 0) throws {
        let what = "a \(depth)-hidden-layer network of \(hiddenUnits) units"
        guard let parameters = parameterCount(inputs: inputs, hiddenUnits: hiddenUnits, depth: depth, classes: classes),
              let weights = MemoryBudget.product([parameters, 4]),
              let widths = MemoryBudget.product([depth, hiddenUnits]),
              let layers = sum([inputs, widths, classes]),
              let batch = MemoryBudget.product([batchSize, 2, layers]),
              let total = sum([weights, batch]) else {
            // A count of -1 is how MemoryBudget reports a size that overflowed.
            try MemoryBudget.check(elements: -1, for: what)
            return
        }
        try MemoryBudget.check(elements: total, for: what)
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
