import Activations
import Datasets
import Foundation
import Layers
import Tensors

/// Experiment A: the same MNIST MLP trained once per hidden activation and depth, everything else fixed.
public struct ActivationComparison: Sendable {
    public struct Configuration: Codable, Sendable, Equatable {
        public var activations: [String] = ["linear", "sigmoid", "tanh", "relu"]
        /// Depths to run; `deepActivations` limits which activations run at depths above 1.
        public var depths: [Int] = [1, 6]
        public var deepActivations: [String]? = ["linear", "sigmoid"]
        public var hiddenUnits = 512
        public var epochs = 5
        public var batchSize = 128
        public var optimizer = "rmsprop"
        public var learningRate: Double? = nil
        /// The articles' notebooks ran Keras 2, whose RMSprop adds epsilon outside the square root.
        public var rmspropEpsilon = RMSprop.EpsilonPlacement.outsideSquareRoot
        public var seed: UInt64 = 0

        public init() {}

        /// Whether these are the articles' settings, so that their published accuracies apply.
        public var matchesArticle: Bool {
            hiddenUnits == 512 && epochs == 5 && batchSize == 128 && optimizer == "rmsprop"
                && (learningRate ?? 0.001) == 0.001 && rmspropEpsilon == .outsideSquareRoot
        }

        /// The (activation, depth) pairs to train, in order.
        public var runs: [(activation: String, depth: Int)] {
            depths.flatMap { d in
                activations.filter { d == 1 || deepActivations == nil || deepActivations!.contains($0) }.map { ($0, d) }
            }
        }
    }

    /// One trained configuration and what it scored on the test set.
    public struct Run: Codable, Sendable, Equatable {
        public var activation: String
        public var depth: Int
        public var parameters: Int
        public var testAccuracy: Double
        public var testLoss: Double
        public var secondsPerEpoch: Double
        public var publishedAccuracy: Double?
        public var history: History
        /// The seed of this run when the comparison was repeated over several (`--seeds`); nil otherwise.
        public var seed: UInt64? = nil
        /// What a learnable activation learned (nil for the fixed ones).
        public var learnedParameters: [LearnedTensorSummary]?

        public init(activation: String, depth: Int, parameters: Int, testAccuracy: Double, testLoss: Double,
                    secondsPerEpoch: Double, publishedAccuracy: Double?, history: History,
                    learnedParameters: [LearnedTensorSummary]? = nil) {
            self.activation = activation
            self.depth = depth
            self.parameters = parameters
            self.testAccuracy = testAccuracy
            self.testLoss = testLoss
            self.secondsPerEpoch = secondsPerEpoch
            self.publishedAccuracy = publishedAccuracy
            self.history = history
            self.learnedParameters = learnedParameters
        }
    }

    public let configuration: Configuration
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Checks names, numbers and sizes before any training starts, so a typo fails at once.
    /// Sizes are checked for MNIST (784 inputs, 10 classes, 60,000 training images); `run` checks
    /// them again for the data it is given.
    public func validate() throws {
        try validate(inputs: 784, classes: 10, trainingRows: 60_000)
    }

    private func validate(inputs: Int, classes: Int, trainingRows: Int) throws {
        let c = configuration
        for a in c.activations { _ = try Activation.named(a) }
        guard !c.activations.isEmpty else { throw ExperimentError("no activations given") }
        guard !c.depths.isEmpty else { throw ExperimentError("no depths given") }
        guard c.depths.allSatisfy({ $0 >= 1 }) else { throw ExperimentError("depths must be at least 1, got \(c.depths)") }
        guard !c.runs.isEmpty else { throw ExperimentError("no runs: the deep activations \(c.deepActivations ?? []) are not among \(c.activations)") }
        guard c.epochs > 0 else { throw ExperimentError("epochs must be positive, got \(c.epochs)") }
        guard c.batchSize > 0 else { throw ExperimentError("batch size must be positive, got \(c.batchSize)") }
        guard c.hiddenUnits > 0 else { throw ExperimentError("hidden units must be positive, got \(c.hiddenUnits)") }
        if let lr = c.learningRate { _ = try Optimizers.validatedLearningRate(lr) }
        _ = try Optimizers.named(c.optimizer)
        try MLP.checkMemory(inputs: inputs, hiddenUnits: c.hiddenUnits, depth: c.depths.max()!, classes: classes,
                            batchSize: min(c.batchSize, trainingRows))
    }

    /// Trains every configuration on `data`, validating on its test split, and returns the results in order.
    /// `callbacks` go to every fit (progress display); `onRunStart` is told each run before it
    /// trains (for a heading in the CLI), `onModelTrained` gets each trained model (to save it).
    /// Once `cancellation` is cancelled the run in progress stops after its batch and is dropped,
    /// no further run starts, and the runs finished so far are returned; once `stopAfterRun` is,
    /// the run in progress finishes first.
    public func run(data: MNIST, callbacks: [any Callback] = [], cancellation: CancellationToken? = nil,
                    stopAfterRun: CancellationToken? = nil,
                    onRunStart: (String, Int) -> Void = { _, _ in },
                    onModelTrained: (Run, Sequential) throws -> Void = { _, _ in }) throws -> [Run] {
        guard data.trainImages.rows > 0 else { throw ExperimentError("the training set holds no images") }
        guard data.testImages.rows > 0 else { throw ExperimentError("the test set holds no images") }
        try validate(inputs: data.trainImages.rowLength, classes: data.classCount, trainingRows: data.trainImages.rows)
        let c = configuration
        // Keras takes a batch larger than the data as the whole data; so do we, which also keeps
        // the batch buffers no larger than the data.
        let batchSize = min(c.batchSize, data.trainImages.rows)
        let y = oneHot(data.trainLabels, classes: data.classCount)
        let yTest = oneHot(data.testLabels, classes: data.classCount)
        var results = [Run]()
        for (name, depth) in c.runs {
            if cancellation?.isCancelled == true || stopAfterRun?.isCancelled == true { break }
            onRunStart(name, depth)
            let model = try MLP.make(inputs: data.trainImages.rowLength, hiddenUnits: c.hiddenUnits, depth: depth,
                                     activation: Activation.named(name), classes: data.classCount, seed: c.seed)
            try model.compile(optimizer: Optimizers.named(c.optimizer, learningRate: c.learningRate.map(Optimizers.validatedLearningRate),
                                                                 rmspropEpsilon: c.rmspropEpsilon),
                              loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
            let history = try model.fit(x: data.trainImages, y: y, epochs: c.epochs, batchSize: batchSize,
                                        validationData: (data.testImages, yTest), callbacks: callbacks,
                                        cancellation: cancellation)
            if cancellation?.isCancelled == true, history.epochs < c.epochs { break }
            let test = try model.evaluate(x: data.testImages, y: yTest)
            let seconds = history.seconds.reduce(0, +) / Double(max(history.epochs, 1))
            var run = Run(activation: name, depth: depth, parameters: model.parameterCount,
                               testAccuracy: test["accuracy"] ?? 0, testLoss: test["loss"] ?? 0, secondsPerEpoch: seconds,
                               publishedAccuracy: c.matchesArticle && data.trainImages.rows == 60_000
                                   ? PublishedResults.mnistMLP(activation: name, depth: depth) : nil,
                               history: history)
            let learned = LearnedTensorSummary.of(model)
            run.learnedParameters = learned.isEmpty ? nil : learned
            try onModelTrained(run, model)
            results.append(run)
        }
        return results
    }
}
