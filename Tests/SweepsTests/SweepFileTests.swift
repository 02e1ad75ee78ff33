import Foundation
import Testing
@testable import Sweeps

/// Every mistake in a sweep file is one line naming the file and the field, and says what was expected.
@Suite struct SweepFileTests {
    static let valid = #"{"task": "synthetic", "activations": ["relu", "tanh"], "seeds": 2, "grid": {"learning_rate": [0.001, 0.01]}}"#

    @Test func validFileReads() throws {
        let file = try SweepFiles.parse(Self.valid)
        #expect(file.task == "synthetic")
        #expect(file.model == "mlp")
        #expect(file.activations.map(\.name) == ["relu", "tanh"])
        #expect(file.baseline.name == "relu")
        #expect(file.seeds == [0, 1])
        #expect(file.grid.map(\.name) == ["learning_rate"])
        #expect(file.grid[0].values == [.number(0.001), .number(0.01)])
        #expect(file.name == "s")
    }

    @Test(arguments: [
        (#"{"task": "nope", "activations": ["relu"]}"#, "s.json: field 'task': unknown task 'nope'; expected one of synthetic, curve-fit, mnist-mlp, deep-mlp, digits-cnn"),
        (#"{"activations": ["relu"]}"#, "s.json: field 'task': missing"),
        (#"{"task": 3, "activations": ["relu"]}"#, "s.json: field 'task': expected a text, got 3"),
        (#"{"task": "synthetic", "activations": ["relu", "relux"]}"#, "s.json: field 'activations[1]': "),
        (#"{"task": "synthetic", "activations": []}"#, "s.json: field 'activations': empty; name at least one activation"),
        (#"{"task": "synthetic", "activations": ["relu", "x*sigmoid(x"]}"#, "s.json: field 'activations[1]': x*sigmoid(x: "),
        (#"{"task": "synthetic", "activations": ["relu", "swish", "silu"]}"#, "s.json: field 'activations[2]': silu is listed twice"),
        (#"{"task": "synthetic", "activations": [{"name": "leaky_relu", "parameters": {"beta": 1}}]}"#, "s.json: field 'activations[0]': leaky_relu: "),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"learning_rate": []}}"#, "s.json: field 'grid.learning_rate': empty"),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"learning_rate": [0.1, -1]}}"#, "s.json: field 'grid.learning_rate[1]': expected a number above 0 and at most 10, got -1"),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"units": 1e12}}"#, "s.json: field 'grid.units': expected a whole number from 1 to 100000, got 1000000000000"),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"epochs": 2.5}}"#, "s.json: field 'grid.epochs': expected a whole number from 1 to 100000, got 2.5"),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"epochs": "five"}}"#, "s.json: field 'grid.epochs': expected a number, got the text 'five'"),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"dropout": [0.1]}}"#, "s.json: field 'grid.dropout': task synthetic has no parameter 'dropout'"),
        (#"{"task": "synthetic", "activations": ["relu"], "grid": {"epochs": [1, 1]}}"#, "s.json: field 'grid.epochs[1]': 1 is listed twice"),
        (#"{"task": "mnist-mlp", "activations": ["relu"], "grid": {"optimizer": "adagrad"}}"#, "s.json: field 'grid.optimizer': expected one of rmsprop, adam, sgd, got 'adagrad'"),
        (#"{"task": "curve-fit", "activations": ["relu"], "grid": {"target": "1/(x-x)"}}"#, "s.json: field 'grid.target': target '1/(x-x)' is neither cos, sin, abs, step nor an expression of x: "),
        (#"{"task": "synthetic", "activations": ["relu"], "seeds": -1}"#, "s.json: field 'seeds': expected a whole number from 0 to 18446744073709551615, got -1"),
        (#"{"task": "synthetic", "activations": ["relu"], "seeds": []}"#, "s.json: field 'seeds': empty; give at least one seed"),
        (#"{"task": "synthetic", "activations": ["relu"], "seeds": [1, 2, 1]}"#, "s.json: field 'seeds[2]': seed 1 is listed twice"),
        (#"{"task": "synthetic", "activations": ["relu"], "seeds": 100000}"#, "s.json: field 'seeds': a count must be from 1 to 10000, got 100000"),
        (#"{"task": "synthetic", "activations": ["relu"], "baseline": "tanh"}"#, "s.json: field 'baseline': tanh is not among the activations (relu)"),
        (#"{"task": "synthetic", "activations": ["relu"], "model": "cnn"}"#, "s.json: field 'model': task synthetic trains mlp, not 'cnn'"),
        (#"{"task": "synthetic", "activations": ["relu"], "activatons": ["tanh"]}"#, "s.json: unknown field 'activatons'; expected name, task, model, activations, baseline, seeds, grid"),
        (#"["relu"]"#, "s.json: expected a JSON object with fields task, activations, seeds, grid; got a list"),
        (#"{"task": "synthetic", "activations": ["relu"],"#, "s.json: not valid JSON ("),
        ("", "s.json: not valid JSON ("),
    ])
    func mistakesAreOneLineNamingFileAndField(text: String, expected: String) {
        let message = SweepFiles.failure(text)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
        #expect(message?.contains("\n") == false)
    }

    @Test func absurdMemoryIsRefusedAtPlanTime() {
        let message = SweepFiles.failure(#"{"task": "mnist-mlp", "activations": ["relu"], "grid": {"units": 100000, "depth": 1000}}"#)
        #expect(message?.hasPrefix("s.json: run relu depth=1000 units=100000 seed=0: a 1000-hidden-layer network of 100000 units needs ") == true, "\(message ?? "no error")")
    }

    /// 10,000 seeds x 20 epoch values is 200,000 runs: refused from the counts, before expanding.
    @Test func tooManyRunsAreRefusedBeforeExpanding() throws {
        let epochs = (1...20).map(String.init).joined(separator: ", ")
        let text = #"{"task": "synthetic", "activations": ["relu"], "seeds": 10000, "grid": {"epochs": [\#(epochs)]}}"#
        let start = ContinuousClock.now
        #expect(SweepFiles.failure(text) == "s.json: 1 activations x 10000 seeds x 20 epochs values is 200000 runs; a sweep may hold at most 100000")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    /// Five lists of 100 values with 10,000 seeds: 2 x 10^14 runs, refused at once from the counts.
    @Test func hugeGridsAreRefusedFromTheirCounts() throws {
        func list(from first: Int) -> String { "[" + (first..<(first + 100)).map(String.init).joined(separator: ", ") + "]" }
        let grid = #""epochs": \#(list(from: 1)), "batch_size": \#(list(from: 1)), "units": \#(list(from: 1)), "samples": \#(list(from: 10)), "features": \#(list(from: 4))"#
        let text = #"{"task": "synthetic", "activations": ["relu", "tanh"], "seeds": 10000, "grid": {\#(grid)}}"#
        let start = ContinuousClock.now
        #expect(SweepFiles.failure(text) == "s.json: 2 activations x 10000 seeds x 100 batch_size values x 100 epochs values x 100 features values x 100 samples values x 100 units values is 200000000000000 runs; a sweep may hold at most 100000")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(SweepFiles.failure(text) == "s.json: line 1: nested more than 16 levels deep; a sweep file needs at most 4")
    }

    @Test func aFileThatIsNotThereOrTooLarge() throws {
        let dir = try SweepFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: SweepError("\(dir)/none.json: cannot read the sweep file (No such file or directory)")) { try SweepFile.load(path: dir + "/none.json") }
        #expect(throws: SweepError("\(dir): not a regular file; expected a JSON sweep file")) { try SweepFile.load(path: dir) }
        let big = dir + "/big.json"
        try Data(count: SweepFile.maximumBytes + 1).write(to: URL(fileURLWithPath: big))
        #expect(throws: SweepError("\(big): \(SweepFile.maximumBytes + 1) bytes; a sweep file may hold at most \(SweepFile.maximumBytes) bytes")) {
            try SweepFile.load(path: big)
        }
    }

    @Test func activationsWithParametersAndExpressions() throws {
        let file = try SweepFiles.parse(#"{"task": "curve-fit", "activations": ["swish", {"name": "leaky_relu", "parameters": {"alpha": 0.1}}, " x*tanh(x) "], "baseline": {"name": "leaky_relu", "parameters": {"alpha": 0.1}}}"#)
        #expect(file.activations.map(\.description) == ["silu", "leaky_relu(alpha=0.1)", "x*tanh(x)"])
        #expect(file.baseline.description == "leaky_relu(alpha=0.1)")
        #expect(file.seeds == [0])
        #expect(file.grid.isEmpty)
    }
}
