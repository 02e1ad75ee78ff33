import Activations
import ArgumentParser
import Foundation
import Tensors

/// `actlab bench activations`: forward and backward throughput of every activation.
struct BenchActivations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "Forward/backward elements per second of every activation over a 1M-element array; prints JSON.")

    @Option(parsing: .unconditional, help: "Elements per array.") var elements = "1048576"
    @Option(parsing: .unconditional, help: "Timed repetitions; the best is reported.") var repeats = "20"
    @Option(parsing: .unconditional, help: "Columns per row for row-wise functions (softmax, glu, ...).") var columns = "1024"

    func run() throws {
        let elements = try OptionValue.whole(self.elements, "--elements", in: 1...Int.max)
        let repeats = try OptionValue.whole(self.repeats, "--repeats", in: 1...OptionLimits.repeats)
        let columns = try OptionValue.whole(self.columns, "--columns", in: 1...Int.max)
        // Four arrays: input, output and the two gradients.
        do { try MemoryBudget.check(elements: elements, bytesPerElement: 16, for: "--elements \(elements) (four arrays of Float)") }
        catch let e as SizeError { throw CommandError(e.description) }
        guard elements % columns == 0 else {
            throw CommandError("--columns must divide --elements, got \(columns) columns for \(elements) elements")
        }
        var rng = RandomGenerator(seed: 1)
        let x = UnsafeMutablePointer<Float>.allocate(capacity: elements)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: elements)
        let dy = UnsafeMutablePointer<Float>.allocate(capacity: elements)
        let dx = UnsafeMutablePointer<Float>.allocate(capacity: elements)
        defer { [x, y, dy, dx].forEach { $0.deallocate() } }
        for i in 0..<elements { x[i] = 4 * rng.normal(); dy[i] = rng.normal() }

        var results = [[String: Any]]()
        // Every entry at its defaults, plus the non-default forms PyTorch also ships.
        let every: [(id: String, function: any ActivationFunction)] =
            try Activation.all.map { ($0.id, try $0.init(parameters: [:])) } + [("gelu_tanh", GELU(approximation: .tanh))]
        // A function that cannot take rows of this width is left out and listed with the reason.
        let skipped = every.compactMap { v in columnProblem(v.function, columns: columns).map { ["id": v.id, "reason": $0] } }
        let variants = every.filter { columnProblem($0.function, columns: columns) == nil }
        // The first second of a fresh process runs memory-bound kernels at a third of their speed
        // (measured: linear 8 vs 22 G elements/s, whatever came first); one untimed pass over
        // every function first, so the order of the list does not decide the figures.
        for (_, f) in variants {
            let (rows, cols) = f.isElementwise ? (1, elements) : (elements / columns, columns)
            for _ in 0..<repeats {
                f.forward(x, y, rows: rows, columns: cols)
                f.backward(x: x, y: y, dy: dy, dx: dx, rows: rows, columns: cols)
            }
        }
        for (id, f) in variants {
            // Element-wise functions take the array as one row; row-wise ones as rows of `columns`.
            let (rows, cols) = f.isElementwise ? (1, elements) : (elements / columns, columns)
            let forward = best(repeats) { f.forward(x, y, rows: rows, columns: cols) }
            let backward = best(repeats) { f.backward(x: x, y: y, dy: dy, dx: dx, rows: rows, columns: cols) }
            results.append([
                "id": id, "forward_elements_per_second": perSecond(elements, forward),
                "backward_elements_per_second": perSecond(elements, backward),
                "forward_ms": round4(forward * 1000), "backward_ms": round4(backward * 1000),
            ])
        }
        let relu = results.first { $0["id"] as? String == "relu" }?["forward_elements_per_second"] as? Int ?? 0
        for i in results.indices {
            let fwd = results[i]["forward_elements_per_second"] as? Int ?? 0
            results[i]["relu_forward_ratio"] = fwd > 0 ? round4(Double(relu) / Double(fwd)) : 0
        }
        let doc: [String: Any] = ["benchmark": "activations", "elements": elements, "threads": Parallel.coreCount,
                                  "repeats": repeats, "row_columns": columns, "results": results, "skipped": skipped]
        let json = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        try Console.print(String(decoding: json, as: UTF8.self))
    }

    /// A rate as a whole number; a time below the clock's nanosecond counts as one nanosecond.
    private func perSecond(_ count: Int, _ seconds: Double) -> Int {
        Int(min(Double(count) / max(seconds, 1e-9), 1e18))
    }

    private func best(_ n: Int, _ body: () -> Void) -> Double {
        body()  // warm caches and threads
        var t = Double.infinity
        for _ in 0..<n {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            t = min(t, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return t
    }
}

/// Why `f` cannot take rows of `columns` (GLU's odd widths, maxout's indivisible ones), or nil when it can.
private func columnProblem(_ f: any ActivationFunction, columns: Int) -> String? {
    do { try f.validateColumns(columns); return nil } catch { return "\(error) (--columns)" }
}
