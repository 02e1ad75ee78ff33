import Activations
import ArgumentParser
import Foundation
import Reports

/// `actlab plot`: several activations (or their derivatives) on one chart.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chart several activations, or their derivatives (dashed), on one set of axes.")

    @Argument(help: "Registered names or expressions in x, e.g. relu elu selu 'x * tanh(softplus(x))'.")
    var names: [String]
    @Flag(help: "Plot the derivatives instead of the functions.")
    var derivative = false
    @Option(parsing: .unconditional, help: "The x interval as lo,hi.")
    var range = "-5,5"
    @Option(help: "The SVG file to write; a PNG goes next to it when rsvg-convert is installed.")
    var out = "runs/charts/plot.svg"

    func validate() throws {
        guard !names.isEmpty else { throw CommandError("plot needs at least one activation name or expression") }
        // Beyond this the lines cannot be told apart, and thousands make a chart of many megabytes.
        guard names.count <= OptionLimits.plottedFunctions else {
            throw CommandError("plot draws at most \(OptionLimits.plottedFunctions) functions on one chart, got \(names.count)")
        }
        guard out.lowercased().hasSuffix(".svg") else {
            throw CommandError("--out '\(out)' should name an .svg file (the PNG is written next to it)")
        }
    }

    func run() throws {
        for path in try execute() { try Console.print("wrote \(path)") }
    }

    /// The chart files written.
    func execute() throws -> [String] {
        let interval = try parseRange(range)
        let functions = try names.map { try resolveActivation(OptionValue.activation($0, "plot")) }
        let series = functions.map { f in
            derivative
                ? ChartSeries(f.id + "′", sampling: f.derivative, over: interval, dashed: true)
                : ChartSeries(f.id, sampling: f.value, over: interval)
        }
        let chart = LineChart(title: derivative ? "Derivatives of activation functions" : "Activation functions",
                              xLabel: "x", yLabel: derivative ? "f′(x)" : "f(x)", series: series, xRange: interval)
        return try chart.write(to: out)
    }
}

/// `"-5,5"` as `-5...5`; rejects anything but two finite numbers in increasing order.
func parseRange(_ text: String) throws -> ClosedRange<Double> {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo < hi else {
        throw CommandError("--range '\(text)' should be two numbers lo,hi with lo < hi, e.g. --range -5,5")
    }
    return lo...hi
}
