import Foundation
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    @Suite struct EvaluateCommandTests {
        /// compare --save-models writes a model per run; evaluate reloads it and scores exactly what compare reported.
        @Test func savedModelsEvaluateToTheReportedAccuracy() throws {
            let data = try CommandRunner.mnistSubset(train: 2_000, test: 500)
            defer { try? FileManager.default.removeItem(atPath: data) }
            let out = data + "/results"
            _ = try CommandRunner.run(["compare", "--data", data, "--activations", "relu,x * sigmoid(x)", "--depth", "1",
                                       "--epochs", "1", "--units", "16", "--quiet", "--save-models", "--out", out])
            let files = try FileManager.default.contentsOfDirectory(atPath: out)
            #expect(files.contains("relu-depth1.model.json"))
            #expect(files.contains("x_sigmoid_x-depth1.model.json"), "\(files)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
            let runs = try #require(json?["runs"] as? [[String: Any]])
            for (run, file) in zip(runs, ["relu-depth1", "x_sigmoid_x-depth1"]) {
                let reported = try #require(run["testAccuracy"] as? Double)
                let text = try CommandRunner.run(["evaluate", "--model", "\(out)/\(file).model.json", "--data", data])
                #expect(text.contains("test accuracy: \(String(format: "%.4f", reported))"), "\(text)")
            }
        }

        @Test func badModelFilesGiveOneLine() throws {
            let dir = NSTemporaryDirectory() + "actlab-models-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try Data("{\"format\": ".utf8).write(to: URL(fileURLWithPath: dir + "/cut.json"))
            let cut = CommandRunner.failure(["evaluate", "--model", dir + "/cut.json"])
            #expect(cut?.contains("\(dir)/cut.json: not a readable model file") == true, "\(cut ?? "no error")")
            let missing = CommandRunner.failure(["evaluate", "--model", dir + "/none.json"])
            #expect(missing?.contains("no such model file") == true, "\(missing ?? "no error")")
        }
    }
}
