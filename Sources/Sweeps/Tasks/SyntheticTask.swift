import Datasets
import Experiments
import Layers
import Tensors

/// Experiment B's classifier on `makeClassification` data: Dense(units, A) -> Dense(1, sigmoid),
/// Adam, binary cross-entropy; the data and its split are fixed, the seed sets weights and shuffling.
public enum SyntheticTask: SweepTask {
    public static let id = "synthetic"
    public static let summary = "binary classifier on make_classification data (experiment B)"
    public static let models = ["mlp"]
    public static let metrics = ["test_accuracy", "test_loss", "final_val_accuracy"]

    public static let parameters: [SweepParameter] = [
        SweepParameter("learning_rate", .positive(upTo: 10), default: .number(0.001), help: "Adam's learning rate"),
        SweepParameter("batch_size", .whole(1...100_000), default: .number(10), help: "mini-batch size"),
        SweepParameter("epochs", .whole(1...100_000), default: .number(50), help: "training epochs"),
        SweepParameter("units", .whole(1...100_000), default: .number(64), help: "hidden units"),
        SweepParameter("samples", .whole(10...1_000_000), default: .number(1_000), help: "rows generated"),
        SweepParameter("features", .whole(4...10_000), default: .number(20), help: "features per row"),
        SweepParameter("validation_split", .real(0...0.9), default: .number(0.2), help: "Keras's validation_split"),
    ]

    public static func validate(_ run: SweepRun) throws {
        try MemoryBudget.check(elements: MemoryBudget.product([run.whole("samples"), run.whole("features")]) ?? -1, for: "the data")
        try MLP.checkMemory(inputs: run.whole("features"), hiddenUnits: run.whole("units"), depth: 1, classes: 1,
                            batchSize: min(run.whole("batch_size"), run.whole("samples")))
    }

    public static func isSmall(_ run: SweepRun) -> Bool {
        let units = run.whole("units")
        return units * max(run.whole("batch_size"), 256) < Parallel.minimumElementsPerThread
    }

    public static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        let (x, y) = try makeClassification(nSamples: run.whole("samples"), nFeatures: run.whole("features"), seed: 42)
        // Experiment B's split: scikit-learn's train_test_split(test_size=0.2, random_state=42).
        let split = try trainTestSplit(x, y, testSize: .fraction(0.2), seed: 42)
        let (yTrain, yTest) = (split.yTrain, split.yTest)
        let model = try Sequential(name: "synthetic", seed: run.seed) {
            Dense(run.whole("units"), activation: try run.activation.function(), inputShape: [run.whole("features")])
            Dense(1, activation: .sigmoid)
        }
        try model.compile(optimizer: Adam(learningRate: Float(run.number("learning_rate"))), loss: BinaryCrossEntropy(), metrics: ["accuracy"])
        let epochs = run.whole("epochs")
        let history = try model.fit(x: split.xTrain, y: yTrain, epochs: epochs, batchSize: min(run.whole("batch_size"), split.xTrain.rows),
                                    validationSplit: run.number("validation_split"), cancellation: context.cancellation)
        guard history.epochs == epochs else { throw SweepCancelled() }
        let scores = try model.evaluate(x: split.xTest, y: yTest)
        return SweepMeasurement(metrics: ["test_accuracy": scores["accuracy"] ?? .nan, "test_loss": scores["loss"] ?? .nan,
                                          "final_val_accuracy": history["val_accuracy"].last ?? .nan],
                                history: history)
    }
}

/// A run stopped by its cancellation token before it finished; it is not recorded.
public struct SweepCancelled: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "stopped before it finished" }
}
