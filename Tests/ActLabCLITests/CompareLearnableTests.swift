import Foundation
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    /// Gated and learnable activations take part in experiment A like any other id.
    @Suite struct CompareLearnableTests {
        @Test func gatedAndLearnableActivationsTrainAndReportWhatTheyLearned() throws {
            let data = try CommandRunner.mnistSubset(train: 1_000, test: 300)
            let out = data + "/results"
            defer { try? FileManager.default.removeItem(atPath: data) }
            let text = try CommandRunner.run(["compare", "--data", data, "--activations", "swiglu,pau,snake", "--depth", "1", "--epochs", "1",
                                            "--units", "16", "--quiet", "--out", out])
            // swiglu halves 16 units to 8 outputs: 785 * 16 + 9 * 10 = 12,650 parameters.
            #expect(text.contains("| swiglu     |     1 |     12,650 |"), "\(text)")
            #expect(text.contains("Learned activation parameters"), "\(text)")
            #expect(text.contains("| pau        |     1 | dense/numerator"), "\(text)")
            #expect(text.contains("| snake      |     1 | dense/alpha"), "\(text)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
            let runs = try #require(json?["runs"] as? [[String: Any]])
            #expect(runs[0]["learnedParameters"] == nil, "swiglu learns nothing")
            let snake = try #require(runs[2]["learnedParameters"] as? [[String: Any]])
            #expect(snake.first?["name"] as? String == "dense/alpha")
            #expect((snake.first?["values"] as? [Double])?.count == 16)
        }
    }
}
