import Foundation
import Testing
@testable import Reports

/// `--diagnostics`, `--tensorboard` and `actlab depth` through the real executable.
@Suite struct LabDiagnosticsCommandTests {
    static func eventFiles(_ dir: String) -> [String] {
        let all = FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []
        return all.filter { ($0 as NSString).lastPathComponent.hasPrefix("events.out.tfevents.") }.sorted()
    }

    @Test func compareWritesDiagnosticsAndEventFiles() throws {
        let data = try CommandRunner.mnistSubset(train: 200, test: 50)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let (out, board) = (data + "/run", data + "/tb")
        let r = BinaryRunner.run(["compare", "--data", data, "--activations", "relu", "--depth", "2", "--epochs", "2", "--units", "8",
                                  "--out", out, "--quiet", "--diagnostics", "--tensorboard", board], timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: out + "/relu-depth2.csv", encoding: .utf8)
        for key in ["dense/dead_fraction", "dense_1/grad_norm", "dense/update_ratio", "dense_1/activation_std"] {
            #expect(csv.split(separator: "\n")[0].contains(key), "\(key) missing from the history CSV")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/diagnostics/relu-depth2-grad_norm.svg"))
        let files = Self.eventFiles(board)
        #expect(files.count == 2 && files[0].hasPrefix("relu-depth2/train/") && files[1].hasPrefix("relu-depth2/validation/"), "\(files)")
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: board + "/" + files[0])))
        #expect(bytes.count > 16 && bytes.firstRange(of: Array("dense_1/grad_norm".utf8)) != nil)
    }

    @Test func depthCommandWritesItsCharts() throws {
        let data = try CommandRunner.mnistSubset(train: 200, test: 50)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let out = data + "/depth"
        let r = BinaryRunner.run(["depth", "--data", data, "--activations", "sigmoid,selu", "--depth", "3", "--units", "8",
                                  "--epochs", "1", "--out", out, "--quiet"], timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("| selu       | lecun_normal"), "\(r.stdout)")
        for name in ["results.md", "results.json", "gradient-norm-per-layer.svg", "gradient-norm-per-epoch.svg", "selu.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
    }
}
