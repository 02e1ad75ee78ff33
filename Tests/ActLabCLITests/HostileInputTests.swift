import Foundation
import Testing

/// Every subcommand fed bad input through the real executable: it must fail with a non-zero
/// status and one readable line on standard error, never die of a signal, and answer at once.
@Suite struct HostileInputTests {
    /// One bad command line, what its message must contain, and where standard output goes.
    struct Case: CustomStringConvertible {
        var arguments: [[UInt8]]
        var expected: String
        var output: BinaryRunner.Output = .captured
        var description: String { arguments.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + " (\(output))" }

        init(_ arguments: [String], _ expected: String, _ output: BinaryRunner.Output = .captured) {
            self.arguments = arguments.map { Array($0.utf8) }
            self.expected = expected
            self.output = output
        }

        init(raw: [[UInt8]], _ expected: String) {
            arguments = raw
            self.expected = expected
        }
    }

    static func cases(data: String, empty: String, scratch: String) -> [Case] {
        let quick = ["--data", data, "--quiet", "--out", scratch + "/never"]
        let nonUTF8Missing: [UInt8] = Array((scratch + "/caf").utf8) + [0xE9, 0xFF]
        return [
            // Sizes that would not fit in memory, or overflow while being counted.
            Case(["summary", "--units", "9223372036854775807"], "overflows"),
            Case(["summary", "--depth", "1000000"], "--depth must be at most 1,000"),
            Case(["compare", "--units", "1000000000"] + quick, "GiB"),
            Case(["compare", "--units", "9223372036854775807"] + quick, "overflows"),
            Case(["compare", "--batch-size", "99999999999999999999"] + quick, "--batch-size must be at most"),
            Case(["bench", "activations", "--elements", "1000000000000"], "GiB"),
            Case(["bench", "activations", "--elements", "9223372036854775807"], "GiB"),
            Case(["bench", "mlp", "--configs", "99999999999999999999:adam", "--data", data], "--configs batch size must be at most"),
            // Negative, zero, non-numbers and empty values, each naming its option.
            Case(["compare", "--epochs", "-1"] + quick, "--epochs must be a positive whole number, got -1"),
            Case(["compare", "--epochs", "0"] + quick, "--epochs must be a positive whole number, got 0"),
            Case(["compare", "--epochs", "1e3"] + quick, "--epochs must be a positive whole number, got '1e3'"),
            Case(["compare", "--epochs", ""] + quick, "--epochs must be a positive whole number, got an empty value"),
            Case(["compare", "--epochs", "9223372036854775807"] + quick, "--epochs must be at most 100,000"),
            Case(["compare", "--depth", "0"] + quick, "--depth must be a positive whole number, got 0"),
            Case(["compare", "--depth", "1,-6"] + quick, "--depth must be a positive whole number, got -6"),
            Case(["compare", "--depth", ","] + quick, "--depth must list at least one"),
            Case(["compare", "--batch-size", "-128"] + quick, "--batch-size must be a positive whole number"),
            Case(["compare", "--units", "0"] + quick, "--units must be a positive whole number, got 0"),
            Case(["compare", "--units", "many"] + quick, "--units must be a positive whole number, got 'many'"),
            Case(["compare", "--limit-train", "-1"] + quick, "--limit-train must be a positive whole number"),
            Case(["compare", "--seed", "-1"] + quick, "--seed must be a whole number from 0"),
            Case(["compare", "--activations", ""] + quick, "--activations must name at least one"),
            Case(["compare", "--activations", "relux"] + quick, "unknown activation 'relux'"),
            Case(["compare", "--optimizer", "adamw"] + quick, "--optimizer must be one of sgd, rmsprop, adam"),
            Case(["compare", "--rmsprop-epsilon", "middle"] + quick, "'outside' or 'inside'"),
            // Tasks and repeated seeds.
            Case(["compare", "--task", "cifar"] + quick, "--task must be mnist or synthetic, got 'cifar'"),
            Case(["compare", "--seeds", "0"] + quick, "--seeds must be a positive whole number, got 0"),
            Case(["compare", "--seeds", "-3"] + quick, "--seeds must be a positive whole number, got -3"),
            Case(["compare", "--seeds", "ten"] + quick, "--seeds must be a positive whole number, got 'ten'"),
            Case(["compare", "--seeds", "99999999999"] + quick, "--seeds must be at most 1,000"),
            Case(["compare", "--seed", "18446744073709551615", "--seeds", "2"] + quick, "runs past the largest seed"),
            Case(["compare", "--task", "synthetic", "--seeds", "0"] + quick, "--seeds must be a positive whole number, got 0"),
            Case(["compare", "--task", "synthetic", "--depth", "3"] + quick, "--depth applies to --task mnist only"),
            Case(["compare", "--task", "synthetic", "--optimizer", "sgd"] + quick, "trains with adam"),
            Case(["compare", "--task", "synthetic", "--epochs", "0"] + quick, "--epochs must be a positive whole number, got 0"),
            Case(["compare", "--task", "synthetic", "--units", "9223372036854775807"] + quick, "overflows"),
            Case(["compare", "--task", "synthetic", "--activations", "relux"] + quick, "unknown activation 'relux'"),
            // Learning rates that are not numbers a Float optimizer can use.
            Case(["compare", "--learning-rate", "inf"] + quick, "--learning-rate must be a positive finite number"),
            Case(["compare", "--learning-rate", "nan"] + quick, "--learning-rate must be a positive finite number"),
            Case(["compare", "--learning-rate", "-0.1"] + quick, "--learning-rate must be a positive finite number"),
            Case(["compare", "--learning-rate", "1e40"] + quick, "too large for 32-bit floating point"),
            Case(["compare", "--learning-rate", "1e-50"] + quick, "rounds to 0 in 32-bit floating point"),
            // Output folders that cannot be used, found before any work.
            Case(["compare", "--data", data, "--quiet", "--out", ""], "--out must name a folder, got an empty path"),
            Case(["compare", "--data", data, "--quiet", "--out", data], "already holds"),
            Case(["compare", "--data", data, "--quiet", "--out", data + "/train-images-idx3-ubyte"], "exists and is not a folder"),
            Case(["compare", "--data", data, "--quiet", "--out", "/proc/actlab/out"], "cannot create its parent folder"),
            Case(["show", "relu", "--out", ""], "--out must name a folder"),
            Case(["compare", "--tensorboard", ""] + quick, "--tensorboard must name a folder, got an empty path"),
            Case(["compare", "--tensorboard", data + "/train-images-idx3-ubyte"] + quick, "exists and is not a folder"),
            Case(["depth", "--tensorboard", ""] + quick, "--tensorboard must name a folder, got an empty path"),
            Case(["depth", "--depth", "0"] + quick, "--depth must be a positive whole number, got 0"),
            Case(["depth", "--activations", "relux"] + quick, "unknown activation 'relux'"),
            Case(["depth", "--epochs", "-2"] + quick, "--epochs must be a positive whole number, got -2"),
            Case(["plot", "relu", "--out", ""], "should name an .svg file"),
            // Missing, empty and misnamed inputs.
            Case(["compare", "--data", "/nonexistent", "--quiet", "--out", scratch + "/never"], "/nonexistent: no such directory"),
            Case(["bench", "mlp", "--data", empty, "--epochs", "1"], "holds 0 images; expected at least one"),
            Case(["bench", "mlp", "--configs", "0:adam", "--data", data], "--configs batch size must be a positive whole number"),
            Case(["bench", "mlp", "--configs", "128:adamw", "--data", data], "the optimizer must be one of"),
            Case(["bench", "mlp", "--configs", "", "--data", data], "--configs must list at least one"),
            Case(["bench", "mlp", "--epochs", "-3", "--data", data], "--epochs must be a positive whole number, got -3"),
            Case(["bench", "activations", "--repeats", "0"], "--repeats must be a positive whole number, got 0"),
            Case(["bench", "activations", "--columns", "3"], "--columns must divide --elements"),
            Case(["bench", "activations", "--elements", "-1"], "--elements must be a positive whole number, got -1"),
            Case(["evaluate", "--model", scratch + "/none.model.json"], "no such model file"),
            Case(["evaluate", "--model", ""], "--model must name a model file, got an empty path"),
            Case(["compare", "--data", "", "--quiet"], "--data must name a folder, got an empty path"),
            Case(["bench", "mlp", "--data", " "], "--data must name a folder, got an empty path"),
            Case(["evaluate", "--model", data], "cannot be read"),
            Case(raw: [Array("evaluate".utf8), Array("--model".utf8), nonUTF8Missing], "caf\\xE9\\xFF') is not UTF-8 text and names no existing file or folder"),
            Case(["show", "relu", "--param", "max_value=1e39"], "outside the range of 32-bit floating point"),
            Case(["summary", "--activation", "sigmod"], "did you mean 'sigmoid'"),
            // Expressions deep enough to overflow the parser's stack, and ones that would break the line.
            Case(["show", String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)], "at most 1,000 are accepted"),
            Case(["compare", "--activations", "relu," + "x" + String(repeating: "*x", count: 30_000)] + quick, "at most 1,000 are accepted"),
            Case(["plot", "x\n+ 1"], "contains a control character"),
            Case(["plot"] + Array(repeating: "relu", count: 30), "plot draws at most 20 functions on one chart, got 30"),
            Case(["plot"] + Array(repeating: "relu", count: 5_000), "5,001 arguments; actlab takes at most 256"),
            Case(["show", "relu", "--param", "negative_slope=nan"], "is not a number"),
            Case(["plot", "relu", "--range", "nan,1"], "--range 'nan,1' should be two numbers"),
            Case(["list", "extra"], "Unexpected argument 'extra'"),
            // The Kaggle-format writer and reader.
            Case(["data", "kaggle-digits", "--from", data, "--out", scratch + "/never", "--train-rows", "-1"], "--train-rows must be a positive whole number, got -1"),
            Case(["data", "kaggle-digits", "--from", data, "--out", scratch + "/never", "--test-rows", "many"], "--test-rows must be"),
            Case(["data", "kaggle-digits", "--from", data, "--out", scratch + "/never", "--train-rows", "1000000"], "1000000 train.csv rows"),
            Case(["data", "kaggle-digits", "--from", scratch + "/missing", "--out", scratch + "/never"], "no such directory"),
            Case(["bench", "kaggle-csv", "--train", scratch + "/missing.csv"], "missing.csv"),
            Case(["bench", "kaggle-csv", "--train", data + "/train-labels-idx1-ubyte"], "header"),
            // actlab train.
            Case(["train", "--epochs", "0"] + quick, "--epochs must be a positive whole number, got 0"),
            Case(["train", "--batch-size", "x"] + quick, "--batch-size must be a positive whole number, got 'x'"),
            Case(["train", "--validation-split", "1.5"] + quick, "--validation-split must be a fraction between 0 and 1, got '1.5'"),
            Case(["train", "--validation-split", "0.2", "--test-size", "0.2"] + quick, "--validation-split and --test-size both hold out data; give one"),
            Case(["train", "--test-size", "0"] + quick, "--test-size must be a fraction in (0, 1) or a count of at least 1, got '0'"),
            Case(["train", "--model", "mlp", "--test-size", "64"] + quick, "--test-size 64: testSize 64 should be a row count in 1..<64"),
            Case(["train", "--model", "cnn"] + quick, "--model must be digits-cnn, mlp, deep-mlp or a model .json file, got 'cnn'"),
            Case(["train", "--model", scratch + "/none.json"] + quick, "none.json: no such model file"),
            Case(["train", "--optimizer", "adamw"] + quick, "--optimizer must be one of sgd, rmsprop, adam, got 'adamw'"),
            Case(["train", "--learning-rate", "nan"] + quick, "--learning-rate must be a positive finite number, got 'nan'"),
            Case(["train", "--model", "mlp", "--data", scratch + "/missing", "--quiet", "--out", scratch + "/never"], "missing: no such file or folder"),
            Case(["train", "--model", "mlp", "--data", data + "/train-labels-idx1-ubyte", "--quiet", "--out", scratch + "/never"], "expected 'label'"),
            Case(["train", "--out", " "], "--out must name a folder, got an empty path"),
            Case(["train", "--checkpoint-every", "0"] + quick, "--checkpoint-every must be a positive whole number, got 0"),
            Case(["train", "--resume", scratch + "/nothing", "--quiet"], "nothing: no checkpoint to continue from (train with --checkpoint-every N)"),
            Case(["train", "--resume", scratch + "/a", "--out", scratch + "/b"], "--resume continues the run in its own folder; leave out --out"),
            // actlab predict and evaluate with a positional model.
            Case(["predict", scratch + "/none.json", "--data", data + "/test.csv", "--out", scratch + "/never.csv"], "none.json: no such model file"),
            Case(["predict", "", "--data", "x.csv"], "MODEL must name a model file, got an empty path"),
            Case(["predict", "m.json", "--data", ""], "--data must name a CSV file, got an empty path"),
            Case(["predict", "m.json", "--data", "x.csv", "--out", ""], "--out must name a file, got an empty path"),
            Case(["evaluate", "a.json", "--model", "b.json"], "give the model once: as an argument or with --model, not both"),
            Case(["evaluate"], "Missing expected argument: the model file"),
            // The lab report and the advice.
            Case(["report", "--seeds", "0", "--out", scratch + "/never"], "--seeds must be a positive whole number, got 0"),
            Case(["report", "--seeds", "many", "--out", scratch + "/never"], "--seeds must be a positive whole number, got 'many'"),
            Case(["report", "--seeds", "99999999999999999999", "--out", scratch + "/never"], "--seeds must be at most 1,000"),
            Case(["report", "--out", ""], "--out must name a folder, got an empty path"),
            Case(["report", "--with-cnn", "--out", scratch + "/never"], "--with-cnn: this build has no CNN experiment registered"),
            Case(["report", "--only", "plots,nothing", "--out", scratch + "/never"], "--only: unknown experiment 'nothing'; the experiments are plots, mnist-mlp, synthetic, curve-fit, depth"),
            Case(["report", "--only", ",", "--out", scratch + "/never"], "--only must name at least one experiment"),
            Case(["report", "--only", "mnist-mlp", "--quick", "--quiet", "--data", "/nonexistent", "--out", scratch + "/never"], "/nonexistent: no such directory"),
            Case(["report", "--out", data], "already holds"),
            Case(["advise", "--task", "ranking"], "--task must be one of binary, multiclass, regression, got 'ranking'"),
            Case(["advise"], "Missing expected argument '--task <task>'"),
            Case(["advise", "--task", "binary", "--depth", "0"], "--depth must be a positive whole number, got 0"),
            Case(["advise", "--task", "binary", "--depth", "1e9"], "--depth must be a positive whole number, got '1e9'"),
            Case(["advise", "--task", "binary", "--from", "/nonexistent"], "/nonexistent: no such folder"),
            Case(["advise", "--task", "binary", "--from", ""], "--from must name a results folder, got an empty path"),
            Case(["advise", "--task", "binary", "--from", data], "no results.json, so not a folder written by actlab compare or actlab report"),
            Case(["advise", "--task", "binary", "--from", data + "/train-images-idx3-ubyte"], "not a folder"),
            Case(["advise", "--task", "regression"], "cannot write to standard output: No space left on device", .full),
            Case(["compare", "--bogus"], "Unknown option '--bogus'"),
            // A standard output that fails: full, or a pipe nobody reads.
            Case(["list"], "cannot write to standard output: No space left on device", .full),
            Case(["list"], "cannot write to standard output: Broken pipe", .closedPipe),
            Case(["show", "relu", "--out", scratch + "/charts"], "cannot write to standard output: No space left on device", .full),
            Case(["summary"], "cannot write to standard output: Broken pipe", .closedPipe),
            Case(["list"], "cannot write to standard output: Bad file descriptor", .closed),
            Case(["--help"], "cannot write to standard output", .full),
        ]
    }

    @Test func everySubcommandFailsWithOneLine() throws {
        let data = try CommandRunner.mnistSubset(train: 64, test: 32)
        let empty = try CommandRunner.mnistSubset(train: 0, test: 0)
        let scratch = NSTemporaryDirectory() + "actlab-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { [data, empty, scratch].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        for c in Self.cases(data: data, empty: empty, scratch: scratch) {
            let r = BinaryRunner.run(raw: c.arguments, output: c.output)
            #expect(r.signal == nil, "\(c): killed by signal \(r.signal ?? 0)")
            #expect(!r.timedOut && r.seconds < 5, "\(c): took \(r.seconds) s")
            #expect(r.status != nil && r.status != 0, "\(c): exit status \(r.status.map(String.init) ?? "none")")
            #expect(r.stderrLines.count == 1, "\(c): stderr was\n\(r.stderr)")
            #expect(r.stderr.hasPrefix("actlab: ") && r.stderr.contains(c.expected), "\(c): stderr was \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch + "/never"), "no output folder for a failed run")
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch)
        #expect(left.allSatisfy { !$0.hasPrefix(".never") }, "no staging folder or lock left: \(left)")
    }

    /// A batch larger than the data takes all of it, as in Keras, instead of overflowing.
    @Test func hugeBatchSizesAreClamped() throws {
        let data = try CommandRunner.mnistSubset(train: 64, test: 32)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let r = BinaryRunner.run(["bench", "mlp", "--configs", "9223372036854775807:adam", "--epochs", "1", "--data", data], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"batch_size\" : 9223372036854775807"), "\(r.stdout)")
    }

    /// A folder whose name is not UTF-8 is found by its raw bytes, not reported missing.
    @Test func nonUTF8PathsAreFound() throws {
        let data = try CommandRunner.mnistSubset(train: 64, test: 32)
        let parent = (data as NSString).deletingLastPathComponent
        let odd: [UInt8] = Array((parent + "/mnist-").utf8) + [0xFF, 0xFE]
        // A String cannot hold these bytes, so the folder is moved with the raw path.
        let moved = (odd + [0]).withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { Foundation.rename(data, $0.baseAddress!) }
        }
        try #require(moved == 0)
        defer {
            _ = (odd + [0]).withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { Foundation.rename($0.baseAddress!, data) } }
            try? FileManager.default.removeItem(atPath: data)
        }
        let r = BinaryRunner.run(raw: [Array("bench".utf8), Array("mlp".utf8), Array("--epochs".utf8), Array("1".utf8),
                                       Array("--configs".utf8), Array("32:sgd".utf8), Array("--data".utf8), odd], timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"benchmark\" : \"mlp\""))
        // A new file inside that folder: written there, and named as typed, odd bytes escaped.
        let chart = BinaryRunner.run(raw: [Array("show".utf8), Array("relu".utf8), Array("--out=".utf8) + odd])
        #expect(chart.status == 0, "\(chart.stderr)")
        #expect(chart.stdout.contains("wrote \(parent)/mnist-\\xFF\\xFE/relu_negative_slope_0_threshold_0.svg"), "\(chart.stdout)")
        let written = (odd + Array("/relu_negative_slope_0_threshold_0.svg".utf8) + [0]).withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { access($0.baseAddress!, F_OK) }
        }
        #expect(written == 0)
        let missing = BinaryRunner.run(raw: [Array("bench".utf8), Array("mlp".utf8), Array("--data".utf8), odd + [0x41]])
        #expect(missing.stderr.contains("mnist-\\xFF\\xFEA') is not UTF-8 text and names no existing file or folder"), "\(missing.stderr)")
        #expect(missing.status == 1 && missing.stderrLines.count == 1)
    }

    /// With standard error failing too there is nowhere to write the message, but the process
    /// still ends with its status rather than a trap.
    @Test func aFailingStandardErrorIsNoTrap() {
        for (arguments, output) in [(["list"], BinaryRunner.Output.full), (["list", "extra"], .captured), (["compare", "--epochs", "-1"], .captured)] {
            let r = BinaryRunner.run(arguments, output: output, errorsToFullDevice: true)
            #expect(r.signal == nil && r.status != 0, "\(arguments): status \(r.status.map(String.init) ?? "none"), signal \(r.signal ?? 0)")
        }
    }
}
