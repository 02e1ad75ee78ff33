import Datasets
import Experiments
import Layers
import Tensors

/// The article's digits CNN on MNIST images with its LeakyReLU(0.1) layers (after each batch
/// normalisation) replaced by the swept activation; `{"name": "leaky_relu", "parameters": {"alpha": 0.1}}`
/// is the article's network.
public enum DigitsCNNTask: SweepTask {
    public static let id = "digits-cnn"
    public static let summary = "the article's digits CNN, its LeakyReLU layers swapped for the activation (experiment D)"
    public static let models = ["digits-cnn"]
    public static let metrics = ["test_accuracy", "test_loss"]

    public static let parameters: [SweepParameter] = [
        SweepParameter("epochs", .whole(1...10_000), default: .number(1), help: "training epochs"),
        SweepParameter("batch_size", .whole(1...100_000), default: .number(64), help: "mini-batch size"),
        SweepParameter("learning_rate", .positive(upTo: 10), default: .number(0.001), help: "Adam's learning rate"),
    ] + MNISTData.parameters

    public static func validate(_ run: SweepRun) throws {
        // Every block keeps its width, so the row width is what the activation must accept.
        let f = try run.activation.function()
        guard f.isElementwise else { throw SweepError("\(run.activation) works on whole rows; the CNN needs an element-wise activation") }
    }

    public static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        let data = try MNISTData.load(context, train: run.whole("train_samples"), test: run.whole("test_samples"), shape: .channelsLast)
        let activations = try (0..<5).map { _ in try run.activation.function() }
        let model = Sequential(name: "sweep_digits_cnn", seed: run.seed) {
            Input(shape: DigitsCNN.imageShape)
            for (i, (filters, rate)) in [(32, Float(0.3)), (64, 0.3), (128, 0.4)].enumerated() {
                Conv2D(filters, 3, padding: .same, activation: .relu)
                BatchNormalization()
                ActivationLayer(activations[i])
                MaxPooling2D(poolSize: 2, padding: .same)
                Dropout(rate)
            }
            Flatten()
            for (i, (units, rate)) in [(120, Float(0.3)), (40, 0.2)].enumerated() {
                Dense(units, activation: .relu)
                BatchNormalization()
                ActivationLayer(activations[3 + i])
                Dropout(rate)
            }
            Dense(DigitsCNN.classes, activation: .softmax)
        }
        try model.compile(optimizer: Adam(learningRate: Optimizers.validatedLearningRate(run.number("learning_rate"))),
                          loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let y = oneHot(data.trainLabels, classes: data.classCount), yTest = oneHot(data.testLabels, classes: data.classCount)
        let epochs = run.whole("epochs")
        let history = try model.fit(x: data.trainImages, y: y, epochs: epochs, batchSize: min(run.whole("batch_size"), data.trainImages.rows),
                                    validationData: (data.testImages, yTest), cancellation: context.cancellation)
        guard history.epochs == epochs else { throw SweepCancelled() }
        let test = try model.evaluate(x: data.testImages, y: yTest)
        return SweepMeasurement(metrics: ["test_accuracy": test["accuracy"] ?? .nan, "test_loss": test["loss"] ?? .nan], history: history)
    }
}
