import Activations
import Foundation
import Layers
import Tensors

/// Experiment E: every catalogue function and its derivative, a few to a chart (f solid, f′
/// dashed in the same colour, as the surveys draw them), with each one's character and measured cost.
public enum ActivationPlotsLab: LabExperiment {
    public static let id = "plots"
    public static let title = "The functions and their derivatives"
    public static let order = 10

    /// Functions per chart: four pairs of lines (eight series) stay readable at this size.
    static let perChart = 4
    static let xRange = -4.0...4.0
    /// One y scale for every chart so slopes can be compared across charts; steeper lines are clipped.
    static let yRange = -2.0...3.0
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]

    public static func run(_ context: LabContext) throws -> LabSection {
        let functions = try Activation.all.map { try $0.init(parameters: [:]) }
        context.progress("plotting \(functions.count) activations and timing their forward pass")
        var charts = [LabChart]()
        for start in stride(from: 0, to: functions.count, by: perChart) {
            let group = functions[start..<min(start + perChart, functions.count)]
            var series = [LabSeries]()
            for (i, f) in group.enumerated() {
                series.append(LabSeries(f.id, sampling: f.value, over: xRange, color: palette[i]))
                series.append(LabSeries(f.id + "′", sampling: f.derivative, over: xRange, dashed: true, color: palette[i]))
            }
            charts.append(LabChart(name: "functions-\(charts.count + 1)", title: group.map(\.id).joined(separator: ", "),
                                   xLabel: "x", yLabel: "f(x), f′(x)", series: series, xRange: xRange, yRange: yRange,
                                   width: 540, height: 340))
        }
        let cost = try forwardCost(functions, elements: context.quick ? 1 << 16 : 1 << 20, repeats: context.quick ? 5 : 20,
                                   cancellation: context.cancellation)
        var figures = [String: Double](), rows = [[String]]()
        for f in functions {
            let s = f.characterSheet
            if s.maxDerivative.isFinite { figures["plots/max_derivative/\(f.id)"] = s.maxDerivative }
            figures["plots/uses_exp/\(f.id)"] = s.usesExp ? 1 : 0
            if let ns = cost[f.id] { figures["plots/ns_per_element/\(f.id)"] = ns }
            rows.append([f.id, f.rangeText, yes(s.zeroCentred), yes(s.saturating), yes(s.usesExp),
                         format(s.maxDerivative), cost[f.id].map { String(format: "%.2f", $0) } ?? "-"])
        }
        let table = LabTable(
            caption: "Character of each function (over the reals) and its forward cost here, nanoseconds per element (best of several passes over \(context.quick ? "65,536" : "1,048,576") Float inputs)",
            headers: ["activation", "range", "zero-centred", "saturating", "exp/erf", "max f′", "ns/element"],
            rows: rows, numericColumns: [5, 6])
        var paragraphs = [
            "Each chart shows up to four functions f (solid) with their derivatives f′ (dashed, same colour) over x in [-4, 4], "
                + "on one shared y scale so that slopes compare across charts. The derivative is what backpropagation multiplies "
                + "the gradient by at every layer.",
        ]
        if let sig = figures["plots/max_derivative/sigmoid"], let tanh = figures["plots/max_derivative/tanh"] {
            paragraphs.append("Sigmoid's derivative never exceeds \(format(sig)) and tanh's \(format(tanh)): through six such layers a "
                + "gradient can shrink by a factor of \(format(pow(sig, 6))) (sigmoid), the vanishing gradient of deep saturating networks. "
                + "relu's derivative is exactly 0 for x < 0, so a unit whose input stays negative stops learning (a dead unit); "
                + "leaky_relu, elu and selu keep a slope there.")
        }
        if let relu = cost["relu"], let elu = cost["elu"], let leaky = cost["leaky_relu"] {
            paragraphs.append("Cost measured here: relu \(String(format: "%.2f", relu)), leaky_relu \(String(format: "%.2f", leaky)), "
                + "elu \(String(format: "%.2f", elu)) ns per element; functions marked exp/erf need an exponential or similar per element.")
        }
        return LabSection(id: id, title: title, paragraphs: paragraphs, tables: [table], charts: charts, figures: figures)
    }

    /// Forward nanoseconds per element of each function that takes rows of 60 columns (60 divides
    /// by every default piece count), best of `repeats` after one untimed pass.
    static func forwardCost(_ functions: [any ActivationFunction], elements: Int, repeats: Int,
                            cancellation: CancellationToken?) throws -> [String: Double] {
        let columns = 60, rows = max(elements / columns, 1), n = rows * columns
        try MemoryBudget.check(elements: n, bytesPerElement: 8, for: "activation timing buffers")
        var rng = RandomGenerator(seed: 1)
        let x = UnsafeMutablePointer<Float>.allocate(capacity: n), y = UnsafeMutablePointer<Float>.allocate(capacity: n)
        defer { x.deallocate(); y.deallocate() }
        for i in 0..<n { x[i] = 4 * rng.normal() }
        var result = [String: Double]()
        for f in functions {
            if cancellation?.isCancelled == true { break }
            guard (try? f.validateColumns(columns)) != nil else { continue }
            let (r, c) = f.isElementwise ? (1, n) : (rows, columns)
            f.forward(x, y, rows: r, columns: c)
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                f.forward(x, y, rows: r, columns: c)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start))
            }
            result[f.id] = max(best, 1) / Double(n)
        }
        return result
    }

    private static func yes(_ b: Bool) -> String { b ? "yes" : "no" }

    static func format(_ v: Double) -> String {
        if !v.isFinite { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        if v == v.rounded(), abs(v) < 1e6 { return String(Int(v)) }
        return String(format: "%.4g", v)
    }
}
