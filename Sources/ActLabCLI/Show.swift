import Activations
import ArgumentParser
import Foundation
import Reports

/// `actlab show`: one activation's formula, parameters and character sheet, and a chart of f and f'.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe an activation (or an expression in x) and chart it with its derivative over [-5, 5].")

    @Argument(help: "A registered name such as gelu, or an expression such as 'x * sigmoid(1.5 * x)'.")
    var name: String
    @Option(name: .customLong("param"), help: "A parameter as name=value, e.g. --param alpha=0.1; repeatable.")
    var params: [String] = []
    @Option(help: "Folder for the chart (SVG, and PNG when rsvg-convert is installed).")
    var out = "runs/charts"
    @Option(help: "A saved model file: the argument then names its layer, whose learned activation is shown against its initial form.")
    var model: String?

    func validate() throws {
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandError("--out must name a folder, got an empty path") }
    }

    func run() throws {
        let (text, written) = try execute()
        try Console.print(text)
        for path in written { try Console.print("wrote \(path)") }
    }

    /// The description and the chart files written, for `run` to print and tests to check.
    func execute() throws -> (text: String, written: [String]) {
        if let model { return try LearnedLayerView(modelPath: model, layerName: name).execute(out: out) }
        let f = try resolveActivation(OptionValue.activation(name, "show"), parameters: parseParameters(params))
        let chart = LineChart(title: displayName(f), xLabel: "x", series: [
            ChartSeries("f(x)", sampling: f.value, over: -5...5),
            ChartSeries("f′(x)", sampling: f.derivative, over: -5...5, dashed: true),
        ], xRange: -5...5)
        let path = (out as NSString).appendingPathComponent(fileStem(displayName(f)) + ".svg")
        return (describe(f), try chart.write(to: path))
    }

    func describe(_ f: any ActivationFunction) -> String {
        var lines = [displayName(f)]
        func row(_ label: String, _ value: String) { lines.append("  " + label.padding(toLength: 13, withPad: " ", startingAt: 0) + value) }
        if !f.formula.isEmpty { row("formula", f.formula) }
        if let e = f as? ExpressionActivation { row("derivative", e.derivativeTree.description) }
        if !f.reference.isEmpty { row("reference", f.reference) }
        let type = Activation.type(named: f.id)
        if let specs = type?.parameterSpecs, !specs.isEmpty {
            lines.append("  parameters")
            for spec in specs {
                let current = f.parameters[spec.name].map(shortNumber) ?? "none"
                let fallback = spec.defaultValue.map(shortNumber) ?? "none"
                let torch = spec.pytorchDefault.map { "; PyTorch \($0)" } ?? ""
                lines.append("    \(spec.name) = \(current): \(spec.summary) (default \(fallback); valid \(spec.validRange)\(torch))")
            }
        } else if !f.parameters.isEmpty {
            row("parameters", f.parameters.sorted { $0.key < $1.key }.map { "\($0.key) = \(shortNumber($0.value))" }.joined(separator: ", "))
        } else {
            row("parameters", "none")
        }
        if let difference = type?.pytorchDifference { row("PyTorch", difference) }
        if !f.isElementwise { row("note", "row-wise function; the chart shows its value on a one-element row") }
        let sheet = f.characterSheet
        row("range", f.rangeText)
        row("zero-centred", yesNo(sheet.zeroCentred))
        row("monotonic", yesNo(sheet.monotonic))
        row("smooth", yesNo(sheet.smooth))
        row("saturating", yesNo(sheet.saturating))
        row("uses exp", yesNo(sheet.usesExp))
        row("max |f′|", shortNumber(sheet.maxDerivative))
        return lines.joined(separator: "\n")
    }

    private func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }
}

/// A command-line mistake, printed by ArgumentParser as `Error: <description>`.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Builds a registered activation or, failing that, an expression; errors keep their one-line messages.
func resolveActivation(_ name: String, parameters: [String: Double] = [:]) throws -> any ActivationFunction {
    try Activation.named(name, parameters: parameters)
}

/// `["alpha=0.1", "approximate=true"]` as a dictionary; booleans become 1 and 0.
func parseParameters(_ items: [String]) throws -> [String: Double] {
    var result = [String: Double]()
    for item in items {
        let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw CommandError("--param '\(item)' should be name=value, e.g. --param alpha=0.1")
        }
        let value: Double? = switch parts[1].lowercased() {
        case "true": 1
        case "false": 0
        default: Double(parts[1])
        }
        guard let value, value.isFinite else {
            throw CommandError("--param '\(item)': '\(parts[1])' is not a number")
        }
        // Parameters are held as Float: 1e39 would become inf and 1e-46 zero without a word.
        guard value == 0 || (abs(value) <= Double(Float.greatestFiniteMagnitude) && abs(value) >= Double(Float.leastNonzeroMagnitude)) else {
            throw CommandError("--param '\(item)': \(parts[1]) is outside the range of 32-bit floating point")
        }
        guard result.updateValue(value, forKey: parts[0]) == nil else {
            throw CommandError("--param '\(parts[0])' is given twice")
        }
    }
    return result
}

/// `relu(max_value=6, negative_slope=0.1)`: the id with parameters printed short (the Float
/// parameters' `description` would show 0.10000000149011612).
func displayName(_ f: any ActivationFunction) -> String {
    let p = f.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\(shortNumber($0.value))" }
    return p.isEmpty ? f.id : "\(f.id)(\(p.joined(separator: ", ")))"
}

/// A value for display: whole numbers without ".0", others to six significant digits.
func shortNumber(_ v: Double) -> String {
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return String(format: "%.6g", v)
}
