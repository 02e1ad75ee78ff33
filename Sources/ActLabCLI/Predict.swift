import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports
import Tensors

/// `actlab predict`: a saved digit classifier's labels for Kaggle's test.csv, as a submission file.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label every image of a Kaggle test.csv with a saved model and write the submission (ImageId,Label, ImageId from 1).")

    @Argument(help: "A model .json file written by actlab.") var model: String
    @Option(help: "Kaggle's test.csv (pixel columns only).") var data: String
    @Option(help: "The submission file to write.") var out = "submission.csv"

    func validate() throws {
        try OptionValue.path(model, "MODEL", naming: "a model file")
        try OptionValue.path(data, "--data", naming: "a CSV file")
        try OptionValue.path(out, "--out", naming: "a file")
    }

    func run() throws {
        let network = try ModelStore.load(from: model)
        let images = try KaggleDigits.loadTest(path: data, shape: ImageClassifierTraining.layout(for: network))
        if let expected = network.inputShape, expected != Array(images.shape.dropFirst()) {
            throw CommandError("\(model): the model takes inputs of shape \(expected) but \(data) holds images of \(Array(images.shape.dropFirst()))")
        }
        guard network.outputShape.count == 1, let classes = network.outputShape.first, classes >= 2 else {
            throw CommandError("\(model): the model outputs \(network.outputShape); a classifier outputs one score per class")
        }
        let scores = try network.predict(images)
        try AtomicFile.write(Self.submission(scores: scores, classes: classes), to: out)
        try Console.print("wrote \(images.rows) predictions to \(out)")
    }

    /// Kaggle's digit-recognizer submission: `ImageId,Label`, one row per image from ImageId 1,
    /// the label the highest-scoring class (the first of equal scores, as numpy's argmax).
    static func submission(scores: Tensor, classes: Int) -> String {
        var text = "ImageId,Label\n"
        scores.scalars.withUnsafeBufferPointer { s in
            for row in 0..<scores.rows {
                var best = 0
                for c in 1..<classes where s[row * classes + c] > s[row * classes + best] { best = c }
                text += "\(row + 1),\(best)\n"
            }
        }
        return text
    }
}
