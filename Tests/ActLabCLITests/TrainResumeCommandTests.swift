import Foundation
import Testing

/// `actlab train` killed with SIGKILL after its first checkpoint and resumed with `--resume`
/// writes byte-identical weights to an uninterrupted run.
@Suite struct TrainResumeCommandTests {
    @Test func sigkilledRunResumesToTheSameWeights() throws {
        let data = try CommandRunner.mnistSubset(train: 200, test: 10)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let kaggle = BinaryRunner.run(["data", "kaggle-digits", "--from", data, "--out", data + "/k", "--train-rows", "200", "--test-rows", "10"])
        #expect(kaggle.status == 0)
        let common = ["train", "--model", "mlp", "--data", data + "/k/train.csv", "--test-size", "0.2", "--epochs", "8",
                      "--batch-size", "4", "--quiet", "--checkpoint-every", "1"]
        #expect(BinaryRunner.run(common + ["--out", data + "/straight"], timeout: 60).status == 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.executable)
        process.arguments = common + ["--out", data + "/killed"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let state = data + "/.killed.checkpoint/state.json"
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: state), process.isRunning, Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run finished before it could be killed")
        #expect(!FileManager.default.fileExists(atPath: data + "/killed/results.json"))

        let resumed = BinaryRunner.run(common + ["--resume", data + "/killed"], timeout: 60)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: data + "/straight/model.safetensors"))
        let b = try Data(contentsOf: URL(fileURLWithPath: data + "/killed/model.safetensors"))
        #expect(a == b)
        let losses = { (run: String) throws -> [Substring] in
            try String(contentsOfFile: data + "/\(run)/history.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",")[...] }
        }
        #expect(try losses("straight") == losses("killed"))
        #expect(FileManager.default.fileExists(atPath: data + "/killed/checkpoint/state.json"))
        #expect(!FileManager.default.fileExists(atPath: data + "/.killed.checkpoint"))
    }
}
