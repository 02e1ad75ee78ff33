import Activations
import Datasets
import Foundation
import Layers
import Tensors

/// One image classifier trained end to end as `actlab train` runs it: a model by id
/// (`digits-cnn`, `mlp`, `deep-mlp`) or from a file, labelled images, an optional hold-out
/// (Keras's `validation_split` or scikit-learn's `train_test_split`), Adam and categorical
/// cross-entropy with accuracy.
public struct ImageClassifierTraining {
    /// What to hold out for validation.
    public enum HoldOut: Sendable, Equatable {
        case none
        /// Keras `fit(validation_split:)`: the last fraction of the rows, before shuffling.
        case validationSplit(Double)
        /// scikit-learn `train_test_split(test_size:, random_state: seed)`.
        case testSize(TestSize)
    }

    public struct Configuration: Sendable {
        public var epochs = 30
        public var batchSize = 64
        public var holdOut = HoldOut.none
        /// Seeds the weights, the shuffles and the split.
        public var seed: UInt64 = 0
        public var optimizer = "adam"
        public var learningRate: Float?
        /// Write a `TrainingCheckpoint` into `checkpointFolder` every this many epochs.
        public var checkpointEvery: Int?
        public var checkpointFolder: String?
        public init() {}

        /// What must be the same to resume a run (everything but the epoch count).
        public var settings: String {
            "optimizer \(optimizer), learning rate \(learningRate.map { "\($0)" } ?? "default"), batch size \(batchSize), hold-out \(holdOut), seed \(seed)"
        }
    }

    /// What a run produced.
    public struct Result: Sendable {
        public let history: History
        /// The last epoch's logs: `loss`, `accuracy`, and `val_loss`, `val_accuracy` with a hold-out.
        public let final: [String: Double]
        public let secondsPerEpoch: Double
        /// False when a cancellation stopped it before the last epoch.
        public let complete: Bool
    }

    /// Model ids `model(id:seed:)` builds.
    public static let modelIDs = [DigitsCNN.id, "mlp", "deep-mlp"]

    public let configuration: Configuration
    public init(configuration: Configuration) { self.configuration = configuration }

    /// The model `id` names: the digits CNN, or the experiment-A MLP of depth 1 (`mlp`) or 6
    /// (`deep-mlp`) with relu on flat 784-pixel rows.
    public static func model(id: String, seed: UInt64) throws -> Sequential {
        switch id {
        case DigitsCNN.id: return DigitsCNN.make(seed: seed)
        case "mlp": return try MLP.make(depth: 1, activation: .relu, seed: seed)
        case "deep-mlp": return try MLP.make(depth: 6, activation: .relu, seed: seed)
        default: throw ExperimentError("unknown model '\(id)'; expected \(modelIDs.joined(separator: ", ")) or a model .json file")
        }
    }

    /// How images must be laid out for `model`: `[h, w, 1]` for a model taking rank-3 input, flat otherwise.
    public static func layout(for model: Sequential) -> ImageLayout {
        (model.inputShape?.count ?? 1) == 3 ? .channelsLast : .flat
    }

    /// Compiles `model` and trains it on `images` (rows first) with `labels` 0..<classes.
    /// With `resume` (whose `model` must be the one passed) training continues after its epoch
    /// and ends with the weights an uninterrupted run would have; the history covers every epoch.
    public func run(model: Sequential, images: Tensor, labels: [Int], callbacks: [any Callback] = [],
                    resume: TrainingCheckpoint? = nil, cancellation: CancellationToken? = nil) throws -> Result {
        let c = configuration
        // Compiling builds the model, so its output shape is known after it.
        let optimizer = try Optimizers.named(c.optimizer, learningRate: c.learningRate)
        try model.compile(optimizer: optimizer, loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        guard let classes = model.outputShape.first, model.outputShape.count == 1, classes >= 2 else {
            throw ExperimentError("model '\(model.name)' outputs \(model.outputShape); a classifier outputs one value per class")
        }
        if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
            throw ExperimentError("label \(bad) is outside the model's \(classes) classes (0...\(classes - 1))")
        }
        var x = images, y = oneHot(labels, classes: classes)
        var validationData: (x: Tensor, y: Tensor)?
        var validationSplit = 0.0
        switch c.holdOut {
        case .none: break
        case .validationSplit(let f): validationSplit = f
        case .testSize(let size):
            let split = try trainTestSplit(images, y, testSize: size, seed: c.seed)
            x = split.xTrain
            y = split.yTrain
            validationData = (split.xTest, split.yTest)
        }
        var initialEpoch = 0, previous = History()
        if let resume {
            guard resume.state.settings == c.settings else {
                throw ExperimentError("the checkpoint was trained with \(resume.state.settings); this run asks for \(c.settings)")
            }
            guard resume.state.epoch < c.epochs else {
                throw ExperimentError("the checkpoint has \(resume.state.epoch) epochs done; ask for more than that to continue")
            }
            try resume.restore(into: model)
            (initialEpoch, previous) = (resume.state.epoch, resume.state.history)
        }
        var all = callbacks
        if let every = c.checkpointEvery, let folder = c.checkpointFolder {
            all.append(CheckpointWriter(folder: folder, every: every, settings: c.settings, history: previous))
        }
        let recent = try model.fit(x: x, y: y, epochs: c.epochs, batchSize: min(c.batchSize, x.rows),
                                   validationSplit: validationSplit, validationData: validationData,
                                   callbacks: all, initialEpoch: initialEpoch, cancellation: cancellation)
        var history = previous
        for e in 0..<recent.epochs {
            var logs = Logs()
            for key in recent.keys where recent[key].count == recent.epochs { logs[key] = recent[key][e] }
            history.append(logs, seconds: recent.seconds[e])
        }
        var final = [String: Double]()
        for key in history.keys { if let v = history[key].last { final[key] = v } }
        let seconds = history.seconds.isEmpty ? 0 : history.seconds.reduce(0, +) / Double(history.seconds.count)
        return Result(history: history, final: final, secondsPerEpoch: seconds, complete: history.epochs == c.epochs)
    }
}
