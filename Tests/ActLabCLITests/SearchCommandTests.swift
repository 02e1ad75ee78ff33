import Foundation
import Testing
@testable import ActLabCLI

// Nested in CommandOutputTests: they capture standard output, so they run one at a time.
extension CommandOutputTests {
    @Suite struct SearchCommandTests {
        /// `--quick` runs every stage on synthetic data and leaves a finished run folder.
        @Test func quickSearchWritesARunFolder() throws {
            let out = NSTemporaryDirectory() + "search-cli-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: out) }
            let printed = try CommandRunner.run(["search", "--quick", "--quiet", "--out", out])
            #expect(printed.contains("## Finals") && printed.contains("Results written to"))
            for f in ["results.json", "results.md", "top-functions.svg", "top-derivatives.svg", "evaluations"] {
                #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
            }
            #expect(CommandRunner.failure(["search", "--quick", "--quiet", "--out", out])?.contains("already holds") == true)
        }

        @Test func badBudgetFlagsAreOneLineErrors() {
            for (flags, expected) in [(["--candidates", "0"], "--candidates must be a positive whole number"),
                                      (["--deep-fraction", "1.5"], "--deep-fraction must be at most 1"),
                                      (["--budget-minutes", "-3"], "--budget-minutes must be a positive finite number"),
                                      (["--final-seeds", "1"], "--final-seeds must be"),
                                      (["--jobs", "x"], "--jobs must be a positive whole number")] {
                let message = CommandRunner.failure(["search", "--quick", "--out", "/nonexistent-dir-for-test/x"] + flags)
                #expect(message?.contains(expected) == true, "\(flags): \(message ?? "no error")")
                #expect(message?.contains("\n") == false)
            }
        }
    }

    @Suite struct SearchSweepBackendTests {
        /// `--backend sweep` runs the evaluations as search-proxy sweeps and ranks exactly as the
        /// in-process route does (only the timings differ).
        @Test func quickSearchThroughSweepsGivesTheSameLeaderboard() throws {
            let base = NSTemporaryDirectory() + "search-sweep-cli-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: base) }
            _ = try CommandRunner.run(["search", "--quick", "--quiet", "--out", base + "/local"])
            _ = try CommandRunner.run(["search", "--quick", "--quiet", "--backend", "sweep", "--out", base + "/sweep"])
            func table(_ run: String) throws -> [String] {
                try String(contentsOfFile: base + "/" + run + "/results.md", encoding: .utf8).split(separator: "\n").map(String.init)
                    .filter { !$0.hasPrefix("- Time:") }
            }
            #expect(try table("local") == table("sweep"))
            let sweeps = try FileManager.default.contentsOfDirectory(atPath: base + "/sweep/sweeps")
            #expect(sweeps.contains { $0.hasPrefix("cheap-") } && sweeps.contains { $0.hasPrefix("deep-") })
            #expect(CommandRunner.failure(["search", "--quick", "--backend", "cluster", "--out", base + "/x"])?.contains("--backend must be local, sweep or slurm") == true)
            #expect(CommandRunner.failure(["search", "--quick", "--actlab", "/bin/true", "--out", base + "/y"])?.contains("--actlab goes with --backend slurm") == true)
        }
    }
}
