import Activations
import Datasets
import Foundation
import Layers
import Tensors

/// The depth experiment: vanishing gradients made visible. One MNIST network of `depth` hidden
/// Dense layers per activation (SELU with lecun_normal weights, as its self-normalisation
/// assumes; the others with Keras's default glorot_uniform), trained with everything else fixed,
/// recording each layer's gradient norm per epoch through `Diagnostics`.
public struct DepthExperiment: Sendable {
    public struct Configuration: Codable, Sendable, Equatable {
        public var activations = ["sigmoid", "tanh", "relu", "selu", "elu"]
        public var depth = 10
        public var hiddenUnits = 128
        public var epochs = 3
        public var batchSize = 128
        public var optimizer = "rmsprop"
        public var learningRate: Double? = nil
        public var seed: UInt64 = 0

        public init() {}

        /// Keras's default, except where the activation's derivation assumes another.
        public static func kernelInitializer(for activation: String) -> String {
            activation == "selu" ? "lecun_normal" : "glorot_uniform"
        }
    }

    /// One activation's network: its test score and per-layer diagnostics.
    public struct Run: Codable, Sendable, Equatable {
        public var activation: String
        public var kernelInitializer: String
        public var testAccuracy: Double
        public var testLoss: Double
        /// Layer names in order: the hidden layers, then the softmax output.
        public var layers: [String]
        /// `gradientNorms[epoch][layer]`: the layer's mean gradient norm over the epoch's batches.
        public var gradientNorms: [[Double]]
        /// Per layer, after the last epoch: the fraction of units with zero slope on every sampled image.
        public var deadFractions: [Double]
        /// Per layer, after the last epoch: the fraction of outputs within 1% of a bound never reached (nil where none).
        public var saturatedFractions: [Double?]
        public var history: History

        public init(activation: String, kernelInitializer: String, testAccuracy: Double, testLoss: Double, layers: [String],
                    gradientNorms: [[Double]], deadFractions: [Double], saturatedFractions: [Double?], history: History) {
            (self.activation, self.kernelInitializer, self.testAccuracy, self.testLoss) = (activation, kernelInitializer, testAccuracy, testLoss)
            (self.layers, self.gradientNorms, self.deadFractions, self.saturatedFractions) = (layers, gradientNorms, deadFractions, saturatedFractions)
            self.history = history
        }

        /// First hidden layer's gradient norm over the last hidden layer's, at `epoch`: far below 1 when gradients vanish.
        public func firstToLastHiddenRatio(epoch: Int) -> Double {
            let norms = gradientNorms[epoch]
            guard norms.count >= 2, norms[norms.count - 2] > 0 else { return .nan }
            return norms[0] / norms[norms.count - 2]
        }
    }

    public let configuration: Configuration
    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// Checks names and sizes before anything trains (784 inputs, 10 classes).
    public func validate(inputs: Int = 784, classes: Int = 10, trainingRows: Int = 60_000) throws {
        let c = configuration
        guard !c.activations.isEmpty else { throw ExperimentError("no activations given") }
        for a in c.activations { _ = try Activation.named(a) }
        guard c.depth >= 1 else { throw ExperimentError("depth must be at least 1, got \(c.depth)") }
        guard c.epochs > 0 else { throw ExperimentError("epochs must be positive, got \(c.epochs)") }
        guard c.batchSize > 0 else { throw ExperimentError("batch size must be positive, got \(c.batchSize)") }
        guard c.hiddenUnits > 0 else { throw ExperimentError("hidden units must be positive, got \(c.hiddenUnits)") }
        if let lr = c.learningRate { _ = try Optimizers.validatedLearningRate(lr) }
        _ = try Optimizers.named(c.optimizer)
        try MLP.checkMemory(inputs: inputs, hiddenUnits: c.hiddenUnits, depth: c.depth, classes: classes,
                            batchSize: min(c.batchSize, trainingRows))
    }

    /// The network for one activation.
    public func model(activation: String, inputs: Int = 784, classes: Int = 10) throws -> Sequential {
        let c = configuration
        let initializer = Configuration.kernelInitializer(for: activation)
        return try Sequential(name: "depth_\(c.depth)_\(activation)", seed: c.seed) {
            try Dense(c.hiddenUnits, activation: activation, kernelInitializer: initializer, inputShape: [inputs])
            for _ in 1..<c.depth { try Dense(c.hiddenUnits, activation: activation, kernelInitializer: initializer) }
            Dense(classes, activation: .softmax)
        }
    }

    /// Trains one network per activation on `data`, validating on its test split. `callbacks`
    /// follow the experiment's own `Diagnostics` in every fit. Once `cancellation` is cancelled,
    /// the run in progress is dropped and the finished ones returned.
    public func run(data: MNIST, callbacks: [any Callback] = [], cancellation: CancellationToken? = nil,
                    onRunStart: (String) -> Void = { _ in }) throws -> [Run] {
        guard data.trainImages.rows > 0 else { throw ExperimentError("the training set holds no images") }
        guard data.testImages.rows > 0 else { throw ExperimentError("the test set holds no images") }
        try validate(inputs: data.trainImages.rowLength, classes: data.classCount, trainingRows: data.trainImages.rows)
        let c = configuration
        let y = oneHot(data.trainLabels, classes: data.classCount)
        let yTest = oneHot(data.testLabels, classes: data.classCount)
        var runs: [Run] = []
        for activation in c.activations {
            if cancellation?.isCancelled == true { break }
            onRunStart(activation)
            let model = try model(activation: activation, inputs: data.trainImages.rowLength, classes: data.classCount)
            try model.compile(optimizer: Optimizers.named(c.optimizer, learningRate: c.learningRate.map(Optimizers.validatedLearningRate)),
                              loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
            let history = try model.fit(x: data.trainImages, y: y, epochs: c.epochs, batchSize: min(c.batchSize, data.trainImages.rows),
                                        validationData: (data.testImages, yTest),
                                        callbacks: [Diagnostics(sample: data.trainImages)] + callbacks, cancellation: cancellation)
            if cancellation?.isCancelled == true, history.epochs < c.epochs { break }
            let test = try model.evaluate(x: data.testImages, y: yTest)
            let names = model.layers.map(\.name)
            let norms = (0..<history.epochs).map { e in names.map { history[$0 + "/grad_norm"][e] } }
            runs.append(Run(activation: activation, kernelInitializer: Configuration.kernelInitializer(for: activation),
                            testAccuracy: test["accuracy"] ?? 0, testLoss: test["loss"] ?? 0, layers: names,
                            gradientNorms: norms, deadFractions: names.map { history[$0 + "/dead_fraction"].last ?? 0 },
                            saturatedFractions: names.map { history[$0 + "/saturated_fraction"].last }, history: history))
        }
        return runs
    }
}
