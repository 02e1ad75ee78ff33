import Experiments
import Foundation
import Testing

extension CommandOutputTests {
    /// `compare --task synthetic --seeds 2` end to end: every activation trained per seed, the
    /// statistics in the table, results.json and results.md, and the chart on disk.
    @Suite struct CompareSyntheticTests {
        @Test func seedsReachTableJSONAndMarkdown() throws {
            let out = NSTemporaryDirectory() + "actlab-synthetic-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: out) }
            let printed = try CommandRunner.run(["compare", "--task", "synthetic", "--seeds", "2", "--epochs", "2", "--quiet", "--out", out])
            #expect(printed.contains("| activation | runs | final val accuracy | test accuracy |"))
            #expect(printed.contains("Holm's correction over all 21 pairs"))
            let results = try JSONDecoder().decode(SyntheticComparison.Results.self,
                                                   from: Data(contentsOf: URL(fileURLWithPath: out + "/results.json")))
            #expect(results.runs.count == 14)
            #expect(results.configuration.seeds == [0, 1] && results.configuration.epochs == 2)
            let statistics = try #require(results.statistics)
            #expect(statistics.groups.map(\.name) == ["relu", "sigmoid", "tanh", "softmax", "linear", "elu", "swish"])
            #expect(statistics.groups.allSatisfy { $0.values.count == 2 })
            #expect(statistics.verdicts.count == 21)
            let markdown = try String(contentsOfFile: out + "/results.md", encoding: .utf8)
            #expect(markdown.contains(statistics.verdicts[0].verdict))
            let svg = try String(contentsOfFile: out + "/validation-accuracy.svg", encoding: .utf8)
            for name in statistics.groups.map(\.name) { #expect(svg.contains(">\(name)<")) }
        }

        @Test func singleSeedHasNoStatistics() throws {
            let out = NSTemporaryDirectory() + "actlab-synthetic-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: out) }
            let printed = try CommandRunner.run(["compare", "--task", "synthetic", "--activations", "relu,linear", "--epochs", "1",
                                                 "--quiet", "--out", out])
            #expect(printed.contains("| activation | final val accuracy | test accuracy | test loss | seconds |"))
            #expect(!printed.contains("Holm"))
            let results = try JSONDecoder().decode(SyntheticComparison.Results.self,
                                                   from: Data(contentsOf: URL(fileURLWithPath: out + "/results.json")))
            #expect(results.statistics == nil && results.runs.map(\.activation) == ["relu", "linear"])
        }

        /// MNIST with --seeds: per-seed files, a seed column, and per-depth statistics.
        @Test func mnistSeeds() throws {
            let data = try CommandRunner.mnistSubset(train: 200, test: 100)
            defer { try? FileManager.default.removeItem(atPath: data) }
            let out = data + "/run"
            let printed = try CommandRunner.run(["compare", "--data", data, "--activations", "relu,linear", "--depth", "1", "--units", "8",
                                                 "--epochs", "1", "--seeds", "2", "--seed", "5", "--quiet", "--out", out])
            #expect(printed.contains("## Over seeds: test accuracy at depth 1"))
            #expect(printed.contains("relu vs linear: "))
            let files = try FileManager.default.contentsOfDirectory(atPath: out)
            #expect(files.contains("relu-depth1-seed5.json") && files.contains("linear-depth1-seed6.csv"))
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
            let statistics = try #require(json?["statistics"] as? [[String: Any]])
            #expect(statistics.count == 1 && (statistics[0]["verdicts"] as? [Any])?.count == 1)
            #expect((json?["runs"] as? [[String: Any]])?.compactMap { $0["seed"] as? Int } == [5, 5, 6, 6])
        }
    }
}
