import Activations
import Layers
import Tensors

/// The network a request describes: its hidden Dense layers, then the output layer and loss
/// the task needs (linear and MSE, sigmoid and binary cross-entropy, softmax and categorical
/// cross-entropy), compiled with the chosen optimizer.
public enum PlaygroundModel {
    /// The most weights one playground network may hold (an MNIST net of 784-64-64-64-64-10 fits).
    public static let maximumParameters = 80_000

    /// Builds and compiles the model; every failure is one line naming the layer.
    public static func build(config: TrainingConfig, task: PlaygroundTask) throws(PlaygroundError) -> Sequential {
        let activations = try config.hidden.map { layer throws(PlaygroundError) in try layer.activation.resolve() }
        var width = task.inputs, count = 0
        for layer in config.hidden {
            count += (width + 1) * layer.units
            width = layer.units
        }
        count += (width + 1) * task.outputs
        guard count <= maximumParameters else {
            throw PlaygroundError("the network would have \(count) weights; at most \(maximumParameters) (fewer units or layers)")
        }
        let model = Sequential(name: "playground", seed: config.seed)
        for (i, (layer, activation)) in zip(config.hidden, activations).enumerated() {
            model.add(Dense(layer.units, activation: activation, inputShape: i == 0 ? [task.inputs] : nil, name: "hidden_\(i + 1)"))
        }
        let (output, loss): (any ActivationFunction, any Loss) = switch task.kind.output {
        case .regression: (Linear(), MeanSquaredError())
        case .binary: (Sigmoid(), BinaryCrossEntropy())
        case .multiclass: (Softmax(), CategoricalCrossEntropy())
        }
        model.add(Dense(task.outputs, activation: output, name: "output"))
        do {
            let optimizer = try Optimizers.named(config.optimizer, learningRate: Float(config.learningRate))
            try model.compile(optimizer: optimizer, loss: loss, metrics: task.kind.output == .regression ? [] : ["accuracy"])
        } catch {
            throw PlaygroundError("model: " + "\(error)".split(separator: "\n").joined(separator: " "))
        }
        return model
    }
}
