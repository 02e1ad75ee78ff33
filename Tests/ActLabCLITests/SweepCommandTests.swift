import Foundation
import Testing

/// `actlab sweep` through the real executable: plan, run (resuming), status and collect on a
/// small curve-fit sweep, and bad sweep files failing with one line naming the file and field.
@Suite struct SweepCommandTests {
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "actlab-sweep-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let sweep = #"{"name": "cli", "task": "curve-fit", "activations": ["relu", "tanh"], "seeds": 3, "grid": {"epochs": 20, "units": [2, 3]}}"#

    @Test func planRunStatusCollect() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/s.json", out = dir + "/out"
        try Self.sweep.write(toFile: file, atomically: true, encoding: .utf8)
        let plan = BinaryRunner.run(["sweep", "plan", file])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("12 runs of curve-fit; baseline relu"), "\(plan.stdout)")
        #expect(plan.stdout.contains("|    11 | "), "\(plan.stdout)")
        // Only run 4 first, as one job-array task would.
        let one = BinaryRunner.run(["sweep", "run", file, "--out", out, "--index", "4"], timeout: 30)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("1 run: 1 ran, 0 already finished, 0 failed"), "\(one.stdout)")
        let partial = BinaryRunner.run(["sweep", "status", out])
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("1 of 12 runs finished"), "\(partial.stdout)")
        #expect(partial.stdout.contains("| missing |"))
        #expect(partial.stderr == "actlab: 11 of 12 runs have no result in \(out)\n")
        let early = BinaryRunner.run(["sweep", "collect", out])
        #expect(early.status == 1)
        #expect(early.stdout.contains("1 of 12 runs finished; missing: "), "\(early.stdout)")
        #expect(early.stderr.hasPrefix("actlab: incomplete: 11 of 12 runs have no result; the summary covers the 1 finished"), "\(early.stderr)")
        let rest = BinaryRunner.run(["sweep", "run", file, "--out", out], timeout: 60)
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stdout.contains("12 runs: 11 ran, 1 already finished, 0 failed"), "\(rest.stdout)")
        #expect(BinaryRunner.run(["sweep", "status", out]).status == 0)
        let collect = BinaryRunner.run(["sweep", "collect", out])
        #expect(collect.status == 0, "\(collect.stderr)")
        #expect(collect.stdout.contains("| tanh       | 3     |    3 |"), "\(collect.stdout)")
        #expect(collect.stdout.contains("tanh vs relu (units=2): final_mse"), "\(collect.stdout)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out + "/summary"))
        #expect(files == ["summary.md", "sweep.json", "final_mse-by-units.svg"], "\(files)")
        // Collecting again replaces the summary.
        #expect(BinaryRunner.run(["sweep", "collect", out]).status == 0)
        // An edited file no longer numbers runs as the plan did: --index refuses it.
        try Self.sweep.replacingOccurrences(of: "\"seeds\": 3", with: "\"seeds\": 4").write(toFile: file, atomically: true, encoding: .utf8)
        let edited = BinaryRunner.run(["sweep", "run", file, "--out", out, "--index", "4"])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("no longer matches \(out)/plan.json"), "\(edited.stderr)")
    }

    @Test func badInputFailsWithOneLine() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/bad.json"
        try #"{"task": "curve-fit", "activations": ["relu"], "grid": {"epochs": []}}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let good = dir + "/good.json"
        try Self.sweep.write(toFile: good, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["sweep", "plan", bad], "\(bad): field 'grid.epochs': empty"),
            (["sweep", "plan", dir + "/none.json"], "none.json: cannot read the sweep file"),
            (["sweep", "plan", ""], "FILE must name a sweep file, got an empty path"),
            (["sweep", "run", bad, "--out", dir + "/o"], "\(bad): field 'grid.epochs': empty"),
            (["sweep", "run", good, "--out", dir + "/o", "--index", "12"], "run index 12 is out of range; this sweep has runs 0 to 11"),
            (["sweep", "run", good, "--out", dir + "/o", "--index", "-1"], "--index must be a whole number, got -1"),
            (["sweep", "run", good, "--out", dir + "/o", "--backend", "k8s"], "--backend must be local or slurm, got 'k8s'"),
            (["sweep", "run", good, "--out", dir + "/o", "--workers", "0"], "--workers must be a positive whole number, got 0"),
            (["sweep", "run", good, "--out", dir + "/o", "--dry-run"], "--dry-run and --wait go with --backend slurm"),
            (["sweep", "run", good, "--out", dir + "/o'x", "--backend", "slurm", "--dry-run"], "a Slurm output folder cannot contain ' or %"),
            (["sweep", "status", dir], "no plan.json; is this a sweep's output folder"),
            (["sweep", "collect", dir], "no plan.json; is this a sweep's output folder"),
        ]
        for (arguments, expected) in cases {
            let r = BinaryRunner.run(arguments)
            #expect(r.signal == nil && r.status != nil && r.status != 0, "\(arguments): status \(String(describing: r.status))")
            #expect(r.stderrLines.count == 1, "\(arguments): stderr was \(r.stderr)")
            #expect(r.stderr.hasPrefix("actlab: ") && r.stderr.contains(expected), "\(arguments): stderr was \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/o"))
    }

    @Test func dryRunPrintsTheBatchScript() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/s.json"
        try Self.sweep.write(toFile: file, atomically: true, encoding: .utf8)
        let r = BinaryRunner.run(["sweep", "run", file, "--out", dir + "/o", "--backend", "slurm", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("#SBATCH --array=0-11\n"), "\(r.stdout)")
        #expect(r.stdout.contains("sweep run '\(file)' --index \"$SLURM_ARRAY_TASK_ID\" --out '\(dir)/o'"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/o"), "a dry run writes nothing")
    }
}
