import Datasets
import Foundation
import Layers
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    /// `actlab train` writes the model, history, charts and results of one run, and they agree.
    @Suite struct TrainCommandTests {
        static func json(_ path: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }

        /// An MLP on a Kaggle CSV with a held-out split: the saved model, reloaded and scored on
        /// the same split made independently, gives the validation figures results.json reports.
        @Test func kaggleCSVRunSavesAConsistentModel() throws {
            let data = try CommandRunner.mnistSubset(train: 300, test: 20)
            defer { try? FileManager.default.removeItem(atPath: data) }
            _ = try CommandRunner.run(["data", "kaggle-digits", "--from", data, "--out", data + "/kaggle", "--train-rows", "300", "--test-rows", "20"])
            let out = data + "/run"
            let text = try CommandRunner.run(["train", "--model", "mlp", "--data", data + "/kaggle/train.csv", "--test-size", "0.166",
                                              "--seed", "2", "--epochs", "2", "--batch-size", "32", "--quiet", "--out", out])
            #expect(text.contains("Results written to \(out)/"), "\(text)")
            let files = Set(try FileManager.default.contentsOfDirectory(atPath: out))
            #expect(files.isSuperset(of: ["model.json", "model.safetensors", "history.json", "history.csv", "accuracy.svg", "loss.svg", "results.json"]))
            let results = try Self.json(out + "/results.json")
            let history = try JSONDecoder().decode(History.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/history.json")))
            #expect(history.epochs == 2 && results["epochs"] as? Int == 2)
            // JSONDecoder reads doubles back exactly (JSONSerialization can be off by an ulp).
            let figures = try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: URL(fileURLWithPath: out + "/results.json")))
            for key in ["accuracy", "loss", "val_accuracy", "val_loss"] {
                #expect(figures[key] == .number(history[key].last!), "\(key)")
            }
            #expect(try String(contentsOfFile: out + "/history.csv", encoding: .utf8) == history.csv)
            let chart = try String(contentsOfFile: out + "/accuracy.svg", encoding: .utf8)
            #expect(chart.contains("train") && chart.contains("validation"))

            let model = try Sequential.load(from: out + "/model.json")
            try model.compile(optimizer: Adam(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
            let csv = try KaggleDigits.loadTrain(path: data + "/kaggle/train.csv")
            let split = try trainTestSplit(csv.images, oneHot(csv.labels, classes: 10), testSize: 0.166, seed: 2)
            let scored = try model.evaluate(x: split.xTest, y: split.yTest, batchSize: 64)
            #expect(scored["accuracy"] == results["val_accuracy"] as? Double)
        }

        /// The digits CNN takes rank-4 images from an IDX folder; validation_split adds val_ keys.
        @Test func digitsCNNOnIDXFolder() throws {
            let data = try CommandRunner.mnistSubset(train: 40, test: 10)
            defer { try? FileManager.default.removeItem(atPath: data) }
            let out = data + "/cnn"
            _ = try CommandRunner.run(["train", "--data", data, "--validation-split", "0.25", "--epochs", "1", "--batch-size", "10",
                                       "--quiet", "--out", out])
            let results = try Self.json(out + "/results.json")
            #expect(results["model"] as? String == "digits_cnn")
            #expect(results["val_accuracy"] is Double && (results["seconds_per_epoch"] as? Double ?? 0) > 0)
            #expect(try Sequential.load(from: out + "/model.json").inputShape == [28, 28, 1])
        }
    }
}
