import Foundation
import Testing

/// Output folders seen from outside the process: concurrent runs, and a run stopped by a signal.
@Suite struct RunFolderCommandTests {
    static func compare(_ data: String, _ out: String, seed: Int, activations: String = "relu", epochs: Int = 1) -> [String] {
        ["compare", "--data", data, "--activations", activations, "--depth", "1", "--epochs", "\(epochs)", "--units", "8",
         "--seed", "\(seed)", "--out", out]
    }

    /// Two runs started together with one --out: one claims it and writes it whole, the other
    /// is refused; results.md and results.json come from the same run.
    @Test func concurrentRunsDoNotMix() async throws {
        let data = try CommandRunner.mnistSubset(train: 400, test: 100)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = data + "/shared"
        async let first = BinaryRunner.run(Self.compare(data, out, seed: 1) + ["--quiet"], timeout: 60)
        async let second = BinaryRunner.run(Self.compare(data, out, seed: 2) + ["--quiet"], timeout: 60)
        let results = await [first, second]
        let winners = results.filter { $0.status == 0 }
        #expect(winners.count == 1, "\(results.map(\.stderr))")
        for loser in results where loser.status != 0 {
            #expect(loser.stderrLines.count == 1)
            #expect(loser.stderr.contains("another actlab run is writing") || loser.stderr.contains("already holds"), "\(loser.stderr)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
        let seed = try #require((json?["configuration"] as? [String: Any])?["seed"] as? Int)
        let markdown = try String(contentsOfFile: out + "/results.md", encoding: .utf8)
        #expect(markdown.contains("seed \(seed);"), "results.md and results.json from one run")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data).allSatisfy { !$0.hasPrefix(".shared") })
    }

    /// --force replaces a finished run's folder with the new run's files, and nothing of the old
    /// stays; a folder that is not a finished run is never replaced.
    @Test func forceReplacesAFinishedRun() throws {
        let data = try CommandRunner.mnistSubset(train: 200, test: 100)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = data + "/run"
        let first = BinaryRunner.run(Self.compare(data, out, seed: 3) + ["--quiet"], timeout: 60)
        #expect(first.status == 0, "\(first.stderr)")
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/stale.txt"))
        let refused = BinaryRunner.run(Self.compare(data, out, seed: 3) + ["--quiet"], timeout: 60)
        #expect(refused.status == 1 && refused.stderr.contains("already holds 5 files; choose another --out or pass --force"), "\(refused.stderr)")
        let forced = BinaryRunner.run(Self.compare(data, out, seed: 3) + ["--quiet", "--force"], timeout: 60)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["relu-depth1.csv", "relu-depth1.json", "results.json", "results.md"])
        let notARun = BinaryRunner.run(Self.compare(data, data, seed: 3) + ["--quiet", "--force"], timeout: 60)
        #expect(notARun.status == 1 && notARun.stderr.contains("is not replaced even with --force"), "\(notARun.stderr)")
        #expect(FileManager.default.fileExists(atPath: data + "/train-images-idx3-ubyte"))
    }

    /// A failing standard output still leaves the finished results on disk, and says why it failed.
    @Test func resultsAreWrittenBeforeTheTable() throws {
        let data = try CommandRunner.mnistSubset(train: 200, test: 100)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = data + "/run"
        let r = BinaryRunner.run(raw: Self.compare(data, out, seed: 0).map { Array($0.utf8) } + [Array("--quiet".utf8)], output: .full, timeout: 60)
        #expect(r.status == 1 && r.stderr == "actlab: cannot write to standard output: No space left on device; the 1 finished run is in \(out)/\n",
                "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/results.json"))
    }

    /// Progress that cannot be written stops the comparison after the run in progress (nobody is
    /// reading), and that finished run is saved.
    @Test func failingProgressStopsAfterTheRunInProgress() throws {
        let data = try CommandRunner.mnistSubset(train: 200, test: 100)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = data + "/run"
        let r = BinaryRunner.run(Self.compare(data, out, seed: 0, activations: "relu,tanh"), output: .closedPipe, timeout: 60)
        #expect(r.status == 1 && r.stderr == "actlab: cannot write to standard output: Broken pipe; the 1 finished run is in \(out)/\n", "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
        #expect((json?["runs"] as? [[String: Any]])?.count == 1)
    }

    /// Ctrl-C while the second of four runs trains: that run finishes, the finished runs are
    /// written, no temporary file stays, and the status is 130 (143 for SIGTERM).
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalKeepsTheFinishedRuns(signal: Int32, status: Int32) throws {
        let data = try CommandRunner.mnistSubset(train: 2_000, test: 100)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = data + "/run"
        let arguments = Self.compare(data, out, seed: 0, activations: "relu,tanh,sigmoid,linear", epochs: 2) + ["--save-models"]
        let r = BinaryRunner.run(raw: arguments.map { Array($0.utf8) }, timeout: 120) { pid, stdout in
            let deadline = Date().addingTimeInterval(100)
            while !stdout().contains("== tanh"), Date() < deadline { usleep(10_000) }
            kill(pid, signal)
        }
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderrLines.last?.contains("interrupted: the") == true, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any]
        let runs = try #require(json?["runs"] as? [[String: Any]])
        #expect((1...3).contains(runs.count), "finished runs only: \(runs.count)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.filter { $0.hasSuffix(".model.json") }.count == runs.count, "\(files)")
        #expect(files.allSatisfy { !$0.hasPrefix(".") }, "no temporary files: \(files)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data).allSatisfy { !$0.hasPrefix(".") })
    }
}
