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

    /// Checks names and numbers before any training starts, so a typo fails at once.
    public func validate() throws {
        let c = configuration
        for a in c.activations { _ = try Activation.named(a) }
        guard !c.activations.isEmpty else { throw ExperimentError("no activations given") }
        guard !c.runs.isEmpty else { throw ExperimentError("no runs: the deep activations \(c.deepActivations ?? []) are not among \(c.activations)") }
        guard c.epochs > 0 else { throw ExperimentError("epochs must be positive, got \(c.epochs)") }
        guard c.batchSize > 0 else { throw ExperimentError("batch size must be positive, got \(c.batchSize)") }
        guard c.depths.allSatisfy({ $0 >= 1 }) else { throw ExperimentError("depths must be at least 1, got \(c.depths)") }
        guard c.hiddenUnits > 0 else { throw ExperimentError("hidden units must be positive, got \(c.hiddenUnits)") }
        if let lr = c.learningRate, !(lr > 0) { throw ExperimentError("learning rate must be positive, got \(lr)") }
        _ = try Optimizers.named(c.optimizer)
    }

    /// Trains every configuration on `data`, validating on its test split, and returns the results in order.
    /// `onRunStart` is told each run before it trains (for a heading in the CLI), `onModelTrained`
    /// gets each trained model (to save it).
    public func run(data: MNIST, verbose: Verbosity = .auto, output: ((String) -> Void)? = nil,
                    onRunStart: (String, Int) -> Void = { _, _ in },
                    onModelTrained: (Run, Sequential) throws -> Void = { _, _ in }) throws -> [Run] {
        try validate()
        let c = configuration
        let y = oneHot(data.trainLabels, classes: data.classCount)
        let yTest = oneHot(data.testLabels, classes: data.classCount)
        var results = [Run]()
        for (name, depth) in c.runs {
            onRunStart(name, depth)
            let model = try MLP.make(inputs: data.trainImages.rowLength, hiddenUnits: c.hiddenUnits, depth: depth,
                                     activation: Activation.named(name), classes: data.classCount, seed: c.seed)
            try model.compile(optimizer: Optimizers.named(c.optimizer, learningRate: c.learningRate.map(Float.init),
                                                                 rmspropEpsilon: c.rmspropEpsilon),
                              loss: CategoricalCrossEntropy())
            let history = try model.fit(x: data.trainImages, y: y, epochs: c.epochs, batchSize: c.batchSize,
                                        validationData: (data.testImages, yTest), verbose: verbose, output: output)
            let test = try model.evaluate(x: data.testImages, y: yTest)
            let seconds = history.epochs.map(\.seconds).reduce(0, +) / Double(history.epochs.count)
            var run = Run(activation: name, depth: depth, parameters: model.parameterCount,
                               testAccuracy: test.accuracy, testLoss: test.loss, secondsPerEpoch: seconds,
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
