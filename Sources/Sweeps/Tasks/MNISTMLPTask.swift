import Datasets
import Experiments
import Layers
import Tensors

/// Experiment A's MNIST MLP: `depth` hidden Dense(units, A) layers, then softmax; RMSprop by default.
public enum MNISTMLPTask: SweepTask {
    public static let id = "mnist-mlp"
    public static let summary = "MNIST multilayer perceptron (experiment A)"
    public static let models = ["mlp"]
    public static let metrics = ["test_accuracy", "test_loss"]

    public static let parameters: [SweepParameter] = MNISTTraining.parameters(units: 512, depth: 1, epochs: 5) + MNISTData.parameters

    public static func validate(_ run: SweepRun) throws { try MNISTTraining.validate(run) }

    public static func isSmall(_ run: SweepRun) -> Bool { MNISTTraining.isSmall(run) }

    public static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        try MNISTTraining.train(run, context: context, initializer: VarianceScaling.glorotUniform, diagnostics: false)
    }
}

/// The depth experiment's network: ten hidden layers by default, SELU with lecun_normal weights,
/// and the ratio of the first to the last hidden layer's gradient norm (far below 1 when gradients vanish).
public enum DeepMLPTask: SweepTask {
    public static let id = "deep-mlp"
    public static let summary = "deep MNIST perceptron with per-layer gradient norms (depth experiment)"
    public static let models = ["mlp"]
    public static let metrics = ["test_accuracy", "test_loss", "gradient_ratio"]

    public static let parameters: [SweepParameter] = MNISTTraining.parameters(units: 128, depth: 10, epochs: 3) + MNISTData.parameters

    public static func validate(_ run: SweepRun) throws { try MNISTTraining.validate(run) }

    public static func isSmall(_ run: SweepRun) -> Bool { MNISTTraining.isSmall(run) }

    public static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        let initializer = try KernelInitializers.named(DepthExperiment.Configuration.kernelInitializer(for: run.activation.name))
        return try MNISTTraining.train(run, context: context, initializer: initializer, diagnostics: true)
    }
}

/// What the two MNIST perceptron tasks share.
enum MNISTTraining {
    static func parameters(units: Int, depth: Int, epochs: Int) -> [SweepParameter] {
        [
            SweepParameter("units", .whole(1...100_000), default: .number(Double(units)), help: "units per hidden layer"),
            SweepParameter("depth", .whole(1...1_000), default: .number(Double(depth)), help: "hidden layers"),
            SweepParameter("epochs", .whole(1...100_000), default: .number(Double(epochs)), help: "training epochs"),
            SweepParameter("batch_size", .whole(1...100_000), default: .number(128), help: "mini-batch size"),
            SweepParameter("learning_rate", .positive(upTo: 10), default: .number(0.001), help: "the optimizer's learning rate"),
            SweepParameter("optimizer", .choice(["rmsprop", "adam", "sgd"]), default: .text("rmsprop"), help: "Keras optimizer"),
        ]
    }

    static func validate(_ run: SweepRun) throws {
        try MLP.checkMemory(inputs: 784, hiddenUnits: run.whole("units"), depth: run.whole("depth"), classes: 10,
                            batchSize: min(run.whole("batch_size"), run.whole("train_samples")))
    }

    static func isSmall(_ run: SweepRun) -> Bool {
        run.whole("units") * max(run.whole("batch_size"), 256) < Parallel.minimumElementsPerThread
    }

    static func train(_ run: SweepRun, context: SweepContext, initializer: any KernelInitializer, diagnostics: Bool) throws -> SweepMeasurement {
        let data = try MNISTData.load(context, train: run.whole("train_samples"), test: run.whole("test_samples"))
        let units = run.whole("units"), depth = run.whole("depth"), epochs = run.whole("epochs")
        // One instance per layer: a learnable activation keeps its weights in the function.
        let hidden = try (0..<depth).map { _ in try run.activation.function() }
        let inputs = data.trainImages.rowLength
        let model = Sequential(name: "sweep_mlp", seed: run.seed) {
            for (i, activation) in hidden.enumerated() {
                Dense(units, activation: activation, kernelInitializer: initializer, inputShape: i == 0 ? [inputs] : nil)
            }
            Dense(data.classCount, activation: .softmax)
        }
        // Experiment A's notebooks ran Keras 2, whose RMSprop adds epsilon outside the square root.
        try model.compile(optimizer: Optimizers.named(run.text("optimizer"), learningRate: Optimizers.validatedLearningRate(run.number("learning_rate")),
                                                      rmspropEpsilon: .outsideSquareRoot),
                          loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let y = oneHot(data.trainLabels, classes: data.classCount), yTest = oneHot(data.testLabels, classes: data.classCount)
        let callbacks: [any Callback] = diagnostics ? [Diagnostics(sample: data.trainImages)] : []
        let history = try model.fit(x: data.trainImages, y: y, epochs: epochs, batchSize: min(run.whole("batch_size"), data.trainImages.rows),
                                    validationData: (data.testImages, yTest), callbacks: callbacks, cancellation: context.cancellation)
        guard history.epochs == epochs else { throw SweepCancelled() }
        let test = try model.evaluate(x: data.testImages, y: yTest)
        var metrics = ["test_accuracy": test["accuracy"] ?? .nan, "test_loss": test["loss"] ?? .nan]
        if diagnostics {
            let names = model.layers.map(\.name)
            let norms = names.map { history[$0 + "/grad_norm"].last ?? .nan }
            metrics["gradient_ratio"] = norms.count >= 3 && norms[norms.count - 2] > 0 ? norms[0] / norms[norms.count - 2] : .nan
        }
        return SweepMeasurement(metrics: metrics, history: history)
    }
}
