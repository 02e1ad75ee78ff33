import ArgumentParser
import Datasets
import Layers
import Reports

/// `actlab evaluate`: a saved MNIST classifier's summary and its accuracy on the test set.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a saved model (compare --save-models) and measure it on the MNIST test set.")

    @Option(help: "A model file written by actlab.") var model: String
    @Option(help: "Directory of MNIST-format IDX files.") var data: String = DataLocation.defaultMNIST

    func validate() throws {
        try OptionValue.path(model, "--model", naming: "a model file")
        try OptionValue.path(data, "--data", naming: "a folder")
    }

    func run() throws {
        let network = try ModelStore.load(from: model)
        try Console.print(try network.summary())
        let mnist = try MNIST.load(directory: data)
        guard mnist.testImages.rows > 0 else { throw CommandError("\(data): the test set holds no images; nothing to evaluate") }
        guard network.outputShape == [mnist.classCount] else {
            throw CommandError("\(model): the model outputs \(network.outputShape) but \(data) has \(mnist.classCount) classes")
        }
        try network.compile(optimizer: RMSprop(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let result = try network.evaluate(x: mnist.testImages, y: oneHot(mnist.testLabels, classes: mnist.classCount))
        try Console.print("test accuracy: \(String(format: "%.4f", result["accuracy"] ?? 0)), test loss: \(String(format: "%.4f", result["loss"] ?? 0)) (\(mnist.testImages.rows) images)")
    }
}
