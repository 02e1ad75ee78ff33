import Datasets
import Foundation
import Layers
import Tensors
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    /// `actlab predict` writes Kaggle's submission from a trained model, and `actlab evaluate`
    /// scores a labelled CSV, both agreeing with the model run in-process.
    @Suite struct PredictCommandTests {
        @Test func submissionRowsAreArgmaxFromImageIdOne() {
            // Row 2 ties classes 1 and 2: the first wins, as numpy's argmax.
            let scores = Tensor(shape: [3, 3], scalars: [0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.4, 0.4])
            #expect(Predict.submission(scores: scores, classes: 3) == "ImageId,Label\n1,1\n2,0\n3,1\n")
        }

        @Test func trainedModelPredictsAndEvaluates() throws {
            let data = try CommandRunner.mnistSubset(train: 200, test: 30)
            defer { try? FileManager.default.removeItem(atPath: data) }
            _ = try CommandRunner.run(["data", "kaggle-digits", "--from", data, "--out", data + "/kaggle", "--train-rows", "200", "--test-rows", "30"])
            _ = try CommandRunner.run(["train", "--model", "mlp", "--data", data + "/kaggle/train.csv", "--epochs", "1", "--quiet", "--out", data + "/run"])
            let modelPath = data + "/run/model.json"
            let text = try CommandRunner.run(["predict", modelPath, "--data", data + "/kaggle/test.csv", "--out", data + "/submission.csv"])
            #expect(text.contains("wrote 30 predictions"))
            let lines = try String(contentsOfFile: data + "/submission.csv", encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 31 && lines[0] == "ImageId,Label")

            let model = try Sequential.load(from: modelPath)
            let scores = try model.predict(try KaggleDigits.loadTest(path: data + "/kaggle/test.csv")).scalars
            for i in 0..<30 {
                let row = Array(scores[(i * 10)..<(i * 10 + 10)])
                #expect(lines[i + 1] == "\(i + 1),\(row.firstIndex(of: row.max()!)!)")
            }

            let train = try KaggleDigits.loadTrain(path: data + "/kaggle/train.csv")
            try model.compile(optimizer: Adam(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
            let expected = try model.evaluate(x: train.images, y: oneHot(train.labels, classes: 10))["accuracy"]!
            let scored = try CommandRunner.run(["evaluate", modelPath, "--data", data + "/kaggle/train.csv"])
            #expect(scored.contains("test accuracy: \(String(format: "%.4f", expected))") && scored.contains("(200 images)"), "\(scored)")
        }
    }
}
