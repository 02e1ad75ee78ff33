import Foundation
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    @Suite struct CompareCommandTests {
        @Test func compareRejectsBadArgumentsBeforeTraining() {
            let relux = CommandRunner.failure(["compare", "--activations", "relux", "--data", "/nonexistent"])
            #expect(relux?.contains("unknown activation 'relux'") == true, "\(relux ?? "no error")")
            #expect(relux?.contains("'relu'") == true)
            #expect(CommandRunner.failure(["compare", "--epochs", "0"])?.contains("--epochs must be a positive whole number, got 0") == true)
            #expect(CommandRunner.failure(["compare", "--batch-size", "0"])?.contains("--batch-size must be a positive whole number, got 0") == true)
            #expect(CommandRunner.failure(["compare", "--depth", "x"])?.contains("--depth must be a positive whole number, got 'x'") == true)
            #expect(CommandRunner.failure(["compare", "--limit-train", "0"])?.contains("--limit-train must be a positive whole number") == true)
            #expect(CommandRunner.failure(["compare", "--rmsprop-epsilon", "middle"])?.contains("'outside' or 'inside'") == true)
            let data = CommandRunner.failure(["compare", "--data", "/nonexistent", "--quiet"])
            #expect(data?.contains("/nonexistent: no such directory") == true, "\(data ?? "no error")")
        }

        /// One relu network of 32 units, one epoch on 2,000 real training digits, tested on 1,000.
        /// Commas inside an expression's parentheses do not split the list.
        @Test func activationListsKeepExpressionsWhole() {
            #expect(commaList("relu, max(x, 0.1 * x),tanh") == ["relu", "max(x, 0.1 * x)", "tanh"])
            #expect(commaList("x * sigmoid(min(x, 2)), ,sigmoid") == ["x * sigmoid(min(x, 2))", "sigmoid"])
            #expect(commaList("1,6") == ["1", "6"])
        }

        @Test func tinyCompareWritesItsFiles() throws {
            let data = try CommandRunner.mnistSubset(train: 3_000, test: 1_000)
            let out = data + "/results"
            defer { try? FileManager.default.removeItem(atPath: data) }
            let text = try CommandRunner.run(["compare", "--data", data, "--activations", "relu", "--depth", "1", "--epochs", "1",
                                            "--limit-train", "2000", "--units", "32", "--quiet", "--out", out])
            #expect(!text.contains("Epoch 1/1"), "quiet prints no progress")
            #expect(text.contains("| relu       |     1 |     25,450 |"), "\(text)")
            #expect(text.contains("Results written to \(out)/"))
            let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            #expect(files == ["relu-depth1.csv", "relu-depth1.json", "results.json", "results.md"])
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
            let runs = json?["runs"] as? [[String: Any]]
            #expect(runs?.count == 1)
            #expect(runs?.first?["parameters"] as? Int == 25_450)
            let accuracy = runs?.first?["testAccuracy"] as? Double ?? 0
            // Sixteen steps already put it far above the 0.1 of chance.
            #expect(accuracy > 0.5, "one epoch on 2,000 digits: \(accuracy)")
        }
    }
}
