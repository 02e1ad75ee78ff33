import Activations
import Tensors

/// The finite ends of an activation's range that it approaches without reaching (where outputs
/// pile up when it saturates), and how close counts as saturated: 1% of the range's width, or
/// of the end's magnitude (at least 1) when the other end is infinite.
struct SaturationBounds {
    var ends: [Double]
    var tolerance: Double

    init?(_ activation: (any ActivationFunction)?) {
        guard let activation, activation.isElementwise, !activation.isIdentity else { return nil }
        let sheet = activation.characterSheet
        let reached = activation.reachesRangeEnds
        var ends: [Double] = []
        if sheet.lower.isFinite && !reached.lower { ends.append(sheet.lower) }
        if sheet.upper.isFinite && !reached.upper { ends.append(sheet.upper) }
        guard !ends.isEmpty else { return nil }
        self.ends = ends
        tolerance = sheet.lower.isFinite && sheet.upper.isFinite
            ? 0.01 * (sheet.upper - sheet.lower) : 0.01 * max(1, abs(ends[0]))
    }
}

/// Running statistics of one layer's outputs over the diagnostic sample.
struct LayerActivationStatistics {
    private var sum = 0.0, squares = 0.0, count = 0
    private var saturated = 0
    private var hasBounds = false
    /// Per unit (column): whether any sampled row had a non-zero slope (or output).
    private var alive: [Bool] = []

    /// Adds a chunk of rows: the outputs, and f'(x) of the same shape where the layer's activation has one.
    mutating func add(output y: Tensor, derivative: UnsafePointer<Float>?, bounds: SaturationBounds?) {
        let rows = y.rows, width = y.count / max(rows, 1)
        if alive.isEmpty { alive = Array(repeating: false, count: width) }
        let d = derivative ?? UnsafePointer(y.pointer)
        for r in 0..<rows {
            let row = d + r * width
            for j in 0..<width where !alive[j] && row[j] != 0 { alive[j] = true }
        }
        for k in 0..<y.count {
            let v = Double(y.pointer[k])
            sum += v
            squares += v * v
        }
        count += y.count
        if let bounds {
            hasBounds = true
            for k in 0..<y.count {
                let v = Double(y.pointer[k])
                if bounds.ends.contains(where: { abs(v - $0) <= bounds.tolerance }) { saturated += 1 }
            }
        }
    }

    var deadFraction: Double { alive.isEmpty ? 0 : Double(alive.count { !$0 }) / Double(alive.count) }
    var saturatedFraction: Double? { hasBounds ? Double(saturated) / Double(max(count, 1)) : nil }
    var mean: Double { count == 0 ? 0 : sum / Double(count) }
    var standardDeviation: Double {
        guard count > 0 else { return 0 }
        return max(0, squares / Double(count) - mean * mean).squareRoot()
    }
}
