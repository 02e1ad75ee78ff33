import Foundation
import Testing

/// `actlab fit` and `actlab bench fit` through the real executable: bad input fails with one
/// line naming the option, good input writes the table and the run folder.
@Suite struct FitCommandTests {
    static func hostileCases(scratch: String) -> [HostileInputTests.Case] {
        let out = ["--out", scratch + "/never"]
        return [
            .init(["fit", "--seeds", "0"] + out, "--seeds must be a positive whole number, got 0"),
            .init(["fit", "--seeds", "-5"] + out, "--seeds must be a positive whole number, got -5"),
            .init(["fit", "--seeds", "99999999999999999999"] + out, "--seeds must be at most 100,000"),
            .init(["fit", "--epochs", "ten"] + out, "--epochs must be a positive whole number, got 'ten'"),
            .init(["fit", "--units", "0"] + out, "--units must be a positive whole number, got 0"),
            .init(["fit", "--units", "1000000"] + out, "--units must be at most 1,000"),
            .init(["fit", "--points", "1"] + out, "--points must be at least 2"),
            .init(["fit", "--points", "1e9"] + out, "--points must be a positive whole number, got '1e9'"),
            .init(["fit", "--batch-size", "0"] + out, "--batch-size must be a positive whole number, got 0"),
            .init(["fit", "--learning-rate", "nan"] + out, "--learning-rate must be a positive finite number"),
            .init(["fit", "--learning-rate", "1e300"] + out, "--learning-rate must be a positive finite number in Float's range"),
            .init(["fit", "--seed", "-1"] + out, "--seed must be a whole number from 0"),
            .init(["fit", "--activations", ""] + out, "--activations must name at least one"),
            .init(["fit", "--activations", "relux"] + out, "unknown activation 'relux'"),
            .init(["fit", "--activations", "relu,relu"] + out, "activation 'relu' is listed twice"),
            .init(["fit", "--activations", "glu", "--units", "3"] + out, "activation 'glu' cannot take 3 hidden units"),
            .init(["fit", "--target", ""] + out, "the target must be cos, sin, abs, step or an expression of x, got an empty value"),
            .init(["fit", "--target", "cos(x"] + out, "target 'cos(x' is neither cos, sin, abs, step nor an expression of x: missing ')'"),
            .init(["fit", "--target", "coss"] + out, "target 'coss' is neither"),
            .init(["fit", "--target", "softmax"] + out, "target 'softmax' is not a function of x alone"),
            .init(["fit", "--target", "exp(x*20)"] + out, "target 'exp(x*20)' is"),
            .init(["fit", "--target", String(repeating: "x+", count: 600) + "x"] + out, "--target: an expression of 1,201 characters"),
            .init(["fit", "--epochs", "100000", "--seeds", "100000"] + out, "training steps; ask for fewer"),
            .init(["fit", "--out", " "], "--out must name a folder, got an empty path"),
            .init(["bench", "fit", "--fits", "19"], "--fits must be at least 20"),
            .init(["bench", "fit", "--fits", "x"], "--fits must be a positive whole number, got 'x'"),
            .init(["bench", "fit", "--activation", "softmax"], "no tiny-trainer path"),
            .init(["bench", "fit", "--activation", "nope"], "unknown activation 'nope'"),
        ]
    }

    @Test func badOptionsFailWithOneLine() throws {
        let scratch = NSTemporaryDirectory() + "actlab-fit-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for c in Self.hostileCases(scratch: scratch) {
            let r = BinaryRunner.run(raw: c.arguments, output: c.output)
            #expect(r.signal == nil, "\(c): killed by signal \(r.signal ?? 0)")
            #expect(!r.timedOut && r.seconds < 5, "\(c): took \(r.seconds) s")
            #expect(r.status != nil && r.status != 0, "\(c): exit status \(r.status.map(String.init) ?? "none")")
            #expect(r.stderrLines.count == 1, "\(c): stderr was\n\(r.stderr)")
            #expect(r.stderr.hasPrefix("actlab: ") && r.stderr.contains(c.expected), "\(c): stderr was \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch + "/never"), "no output folder for a failed run")
    }

    @Test func fitWritesTheTableResultsAndCharts() throws {
        let out = NSTemporaryDirectory() + "actlab-fit-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = BinaryRunner.run(["fit", "--activations", "relu,leaky_relu,softmax", "--seeds", "3", "--epochs", "20",
                                  "--target", "sin(2*x)", "--out", out], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("| leaky_relu |    3 |"), "\(r.stdout)")
        #expect(r.stdout.contains("runs with a dead unit"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        #expect(files.isSuperset(of: ["results.json", "results.md", "fits.svg", "fit-relu.svg", "fit-leaky_relu.svg", "fit-softmax.svg"]), "\(files)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as! [String: Any]
        let runs = json["runs"] as! [[String: Any]]
        #expect(runs.count == 9)
        #expect(Set(runs.map { $0["trainer"] as! String }) == ["tiny", "sequential"])
        #expect(runs.allSatisfy { ($0["finalMSE"] as! Double).isFinite && ($0["hiddenKernel"] as! [Double]).count == 2 })
    }

    @Test func hugeBatchSizeIsTheWholeData() throws {
        let out = NSTemporaryDirectory() + "actlab-fit-batch-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = BinaryRunner.run(["fit", "--batch-size", "9223372036854775807", "--epochs", "2", "--seeds", "1",
                                  "--activations", "relu,softmax", "--out", out], timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("batch 100;"), "\(r.stdout)")
    }

    @Test func benchFitPrintsSecondsPerFit() {
        let r = BinaryRunner.run(["bench", "fit", "--fits", "20"], timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"seconds_per_fit\" : "), "\(r.stdout)")
        #expect(r.stdout.contains("\"adam_steps\" : 1200"))
    }
}
