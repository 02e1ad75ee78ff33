import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports
import Tensors

/// `actlab evaluate`: a saved classifier's summary and its accuracy on the MNIST test set or a
/// labelled Kaggle CSV.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a saved model (train, compare --save-models) and measure it on the MNIST test set or a labelled Kaggle CSV.")

    @Argument(help: "A model .json file written by actlab (or give it with --model).") var modelFile: String?
    @Option(help: "A model file written by actlab.") var model: String?
    @Option(help: "A folder of MNIST-format IDX files (its test set) or a labelled Kaggle train.csv.")
    var data: String = DataLocation.defaultMNIST

    /// The model path, given once, positionally or with --model.
    var modelPath: String {
        get throws {
            switch (modelFile, model) {
            case (let path?, nil), (nil, let path?): return path
            case (.some, .some): throw CommandError("give the model once: as an argument or with --model, not both")
            case (nil, nil): throw CommandError("Missing expected argument: the model file (actlab evaluate MODEL.json)")
            }
        }
    }

    func validate() throws {
        try OptionValue.path(try modelPath, "--model", naming: "a model file")
        try OptionValue.path(data, "--data", naming: "a folder or CSV file")
    }

    func run() throws {
        let path = try modelPath
        let network = try ModelStore.load(from: path)
        try Console.print(try network.summary())
        let layout = ImageClassifierTraining.layout(for: network)
        let (images, labels, classes, what) = try LabelledImages.load(data, layout: layout)
        guard images.rows > 0 else { throw CommandError("\(data): the \(what) holds no images; nothing to evaluate") }
        guard network.outputShape == [classes] else {
            throw CommandError("\(path): the model outputs \(network.outputShape) but \(data) has \(classes) classes")
        }
        if let expected = network.inputShape, expected != Array(images.shape.dropFirst()) {
            throw CommandError("\(path): the model takes inputs of shape \(expected) but \(data) holds images of \(Array(images.shape.dropFirst()))")
        }
        try network.compile(optimizer: RMSprop(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let result = try network.evaluate(x: images, y: oneHot(labels, classes: classes))
        try Console.print("test accuracy: \(String(format: "%.4f", result["accuracy"] ?? 0)), test loss: \(String(format: "%.4f", result["loss"] ?? 0)) (\(images.rows) images)")
    }
}

/// Labelled images from `--data`: the test set of an IDX folder or every row of a Kaggle train.csv.
enum LabelledImages {
    static func load(_ data: String, layout: ImageLayout) throws -> (images: Tensor, labels: [Int], classes: Int, what: String) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isFolder) else {
            throw CommandError("--data \(data): no such file or folder")
        }
        if isFolder.boolValue {
            let mnist = try MNIST.load(directory: data, shape: layout)
            return (mnist.testImages, mnist.testLabels, mnist.classCount, "test set")
        }
        let csv = try KaggleDigits.loadTrain(path: data, shape: layout)
        return (csv.images, csv.labels, KaggleDigits.classCount, "CSV file")
    }
}
