import Activations
import Datasets
import Foundation
import Layers
import Synchronization
import Tensors

/// Experiment B: a small binary classifier on `makeClassification` data, the hidden activation
/// varied, each configuration trained once per seed (several at once: each model is small, so
/// one core per model beats splitting one model's kernels).
public struct SyntheticComparison: Sendable {
    public struct Configuration: Codable, Sendable, Equatable {
        public var activations = ["relu", "sigmoid", "tanh", "softmax", "linear", "elu", "swish"]
        public var samples = 1_000
        public var features = 20
        public var dataSeed: UInt64 = 42
        /// Fraction held out as the test set, and the seed of that split (scikit-learn's
        /// `train_test_split(test_size=0.2, random_state=42)`).
        public var testFraction = 0.2
        public var splitSeed: UInt64 = 42
        public var hiddenUnits = 64
        public var epochs = 50
        public var batchSize = 10
        /// Keras's `validation_split`: the last fraction of the training rows, before shuffling.
        public var validationSplit = 0.2
        /// Adam's learning rate (default: Keras's 0.001).
        public var learningRate: Double? = nil
        /// Seeds of weight initialisation and shuffling; each activation is trained once per seed.
        public var seeds: [UInt64] = [0]

        public init() {}
    }

    /// One trained (activation, seed) and its scores.
    public struct Run: Codable, Sendable, Equatable {
        public var activation: String
        public var seed: UInt64
        public var finalValidationAccuracy: Double
        public var testAccuracy: Double
        public var testLoss: Double
        /// Training time, validation included.
        public var seconds: Double
        public var history: History
    }

    /// Everything the experiment produced: enough for its table, chart and statistics.
    public struct Results: Codable, Sendable, Equatable {
        public var configuration: Configuration
        /// In configuration order: every seed of the first activation, then the next.
        public var runs: [Run]
        /// Final test accuracy over the seeds, per activation; nil with a single seed.
        public var statistics: SeedStatistics?

        public init(configuration: Configuration, runs: [Run]) {
            self.configuration = configuration
            self.runs = runs
            let groups = configuration.activations.map { a in (name: a, values: runs.filter { $0.activation == a }.map(\.testAccuracy)) }
            statistics = configuration.seeds.count > 1 ? SeedStatistics(title: "test accuracy", groups: groups) : nil
        }

        /// Headline numbers by name, for advice: `<activation>.test_accuracy` (mean over seeds),
        /// `.test_accuracy_std` (with several seeds), `.final_val_accuracy`, `.seconds`.
        public var figures: [String: Double] {
            var f = [String: Double]()
            for a in configuration.activations {
                let r = runs.filter { $0.activation == a }
                guard !r.isEmpty else { continue }
                let s = Statistics.summary(r.map(\.testAccuracy))
                f["\(a).test_accuracy"] = s.mean
                if s.count > 1 { f["\(a).test_accuracy_std"] = s.standardDeviation }
                f["\(a).final_val_accuracy"] = r.map(\.finalValidationAccuracy).reduce(0, +) / Double(r.count)
                f["\(a).seconds"] = r.map(\.seconds).reduce(0, +) / Double(r.count)
            }
            return f
        }

        /// Validation accuracy per epoch for `activation`, averaged over its seeds.
        public func meanValidationAccuracy(_ activation: String) -> [Double] {
            let curves = runs.filter { $0.activation == activation }.map { $0.history["val_accuracy"] }
            guard let epochs = curves.map(\.count).min(), epochs > 0 else { return [] }
            return (0..<epochs).map { e in curves.map { $0[e] }.reduce(0, +) / Double(curves.count) }
        }
    }

    public let configuration: Configuration
    public init(configuration: Configuration) { self.configuration = configuration }

    /// Checks names, numbers and sizes before anything is generated or trained.
    public func validate() throws {
        let c = configuration
        guard !c.activations.isEmpty else { throw ExperimentError("no activations given") }
        for a in c.activations { _ = try Activation.named(a) }
        guard !c.seeds.isEmpty else { throw ExperimentError("no seeds given") }
        guard c.epochs > 0 else { throw ExperimentError("epochs must be positive, got \(c.epochs)") }
        guard c.batchSize > 0 else { throw ExperimentError("batch size must be positive, got \(c.batchSize)") }
        guard c.hiddenUnits > 0 else { throw ExperimentError("hidden units must be positive, got \(c.hiddenUnits)") }
        guard c.testFraction > 0, c.testFraction < 1 else { throw ExperimentError("test fraction must lie in (0, 1), got \(c.testFraction)") }
        guard c.validationSplit >= 0, c.validationSplit < 1 else { throw ExperimentError("validation split must lie in [0, 1), got \(c.validationSplit)") }
        if let lr = c.learningRate { _ = try Optimizers.validatedLearningRate(lr) }
        try MLP.checkMemory(inputs: c.features, hiddenUnits: c.hiddenUnits, depth: 1, classes: 1, batchSize: min(c.batchSize, c.samples))
    }

    /// The experiment's data: `makeClassification` (flip_y 0.01 and the rest scikit-learn's
    /// defaults), split into training and test rows by a seeded shuffle.
    public func data() throws -> (train: (x: Tensor, y: Tensor), test: (x: Tensor, y: Tensor)) {
        let c = configuration
        let (x, y) = try makeClassification(nSamples: c.samples, nFeatures: c.features, seed: c.dataSeed)
        let (xTrain, xTest, yTrain, yTest) = try trainTestSplit(x, y, testSize: .fraction(c.testFraction), seed: c.splitSeed)
        return ((xTrain, yTrain), (xTest, yTest))
    }

    /// Trains every (activation, seed), up to one per core at a time, and returns them in
    /// configuration order. `onRunFinished` hears each run as it ends (from the thread that trained
    /// it). Once `cancellation` is cancelled the runs in progress stop after their batch and are
    /// dropped, no others start, and the finished ones are returned; once `stopAfterRun` is, the
    /// runs in progress finish and no others start.
    public func run(cancellation: CancellationToken? = nil, stopAfterRun: CancellationToken? = nil,
                    onRunFinished: @Sendable (Run) -> Void = { _ in }) throws -> Results {
        try validate()
        let c = configuration
        let (train, test) = try data()
        let jobs = c.activations.flatMap { a in c.seeds.map { (activation: a, seed: $0) } }
        let finished = Mutex<[Int: Run]>([:])
        let failure = Mutex<(any Error)?>(nil)
        let stop = CancellationToken()
        let next = Atomic<Int>(0)
        // Models this small never split a kernel over threads (their largest array, the hidden
        // layer over one evaluation batch, is below Parallel's threshold; BLAS runs single-threaded),
        // so one model per core uses the machine without oversubscribing it. Larger ones run one
        // at a time and split their kernels instead.
        let largest = c.hiddenUnits * Swift.max(c.batchSize, 256)
        let small = c.hiddenUnits < Parallel.minimumElementsPerThread && largest < Parallel.minimumElementsPerThread
        let workers = small ? Swift.max(1, Swift.min(jobs.count, Parallel.coreCount)) : 1
        // Each worker takes the next job until none are left, so a slow activation does not hold up the rest.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < jobs.count, !stop.isCancelled, cancellation?.isCancelled != true, stopAfterRun?.isCancelled != true else { return }
                do {
                    guard let run = try trainOne(jobs[i].activation, seed: jobs[i].seed, train, test, stop: stop, cancellation: cancellation) else { return }
                    finished.withLock { $0[i] = run }
                    onRunFinished(run)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    stop.cancel()
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let runs = finished.withLock { done in jobs.indices.compactMap { done[$0] } }
        return Results(configuration: c, runs: runs)
    }

    /// One model trained and tested; nil when it was stopped before its last epoch.
    private func trainOne(_ activation: String, seed: UInt64, _ train: (x: Tensor, y: Tensor), _ test: (x: Tensor, y: Tensor),
                       stop: CancellationToken, cancellation: CancellationToken?) throws -> Run? {
        let c = configuration
        let model = try Sequential(name: "synthetic_\(activation)", seed: seed) {
            Dense(c.hiddenUnits, activation: try Activation.named(activation), inputShape: [c.features])
            Dense(1, activation: .sigmoid)
        }
        try model.compile(optimizer: Adam(learningRate: Float(c.learningRate ?? 0.001)), loss: BinaryCrossEntropy(), metrics: ["accuracy"])
        // Either token stops the run: the user's, or the one a failing sibling run sets.
        let both = Interrupt(stop, cancellation)
        let history = try model.fit(x: train.x, y: train.y, epochs: c.epochs, batchSize: min(c.batchSize, train.x.rows),
                                    validationSplit: c.validationSplit, callbacks: [both])
        guard history.epochs == c.epochs, !stop.isCancelled, cancellation?.isCancelled != true else { return nil }
        let scores = try model.evaluate(x: test.x, y: test.y)
        return Run(activation: activation, seed: seed, finalValidationAccuracy: history["val_accuracy"].last ?? .nan,
                   testAccuracy: scores["accuracy"] ?? .nan, testLoss: scores["loss"] ?? .nan,
                   seconds: history.seconds.reduce(0, +), history: history)
    }
}

/// Stops a fit at its next batch once either token is cancelled.
private final class Interrupt: Callback {
    let tokens: [CancellationToken]
    weak var model: Sequential?
    init(_ first: CancellationToken, _ second: CancellationToken?) { tokens = [first] + (second.map { [$0] } ?? []) }
    func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws { self.model = model }
    func onBatchEnd(_ batch: Int, logs: Logs) throws {
        if tokens.contains(where: \.isCancelled) { model?.stopTraining = true }
    }
}
