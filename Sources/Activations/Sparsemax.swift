/// Sparsemax along the last axis: the Euclidean projection of x onto the probability simplex,
/// f(x)_i = max(x_i - tau, 0) with tau chosen so the row sums to 1 (exact zeros, unlike softmax).
/// Backward on the support S = {i : y_i > 0}: dx_i = dy_i - mean_{j in S} dy_j, 0 off it.
/// Scalar slice: the first output of [x, 0], which is clip((x + 1) / 2, 0, 1).
public struct Sparsemax: RegisteredActivation {
    public static let id = "sparsemax"
    public static let parameterSpecs = [RowWise.axisSpec]
    public static let pytorchDifference: String? = "not in torch.nn; Keras 3 has sparsemax"
    public init() {}
    public init(parameters p: [String: Double]) throws { _ = try Self.parameter("axis", in: p) }
    public var isElementwise: Bool { false }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        RowWise.forEachRows(rows, columns: columns) { range in
            var z = [Float](repeating: 0, count: columns)
            for r in range {
                let xi = x + r * columns, yi = y + r * columns
                var m = -Float.infinity
                var hasNaN = false
                for j in 0..<columns { m = xi[j] > m ? xi[j] : m; hasNaN = hasNaN || xi[j].isNaN }
                if hasNaN { for j in 0..<columns { yi[j] = .nan }; continue }
                if m.isInfinite { RowWise.softmaxRow(xi, yi, columns, negate: false); continue }
                // Shifting by the maximum changes nothing mathematically and keeps the sums small.
                for j in 0..<columns { z[j] = xi[j] - m }
                z.sort(by: >)
                var cumulative: Float = 0, tauSum: Float = 0, k: Float = 0
                for j in 0..<columns {
                    cumulative += z[j]
                    if 1 + Float(j + 1) * z[j] > cumulative { k = Float(j + 1); tauSum = cumulative } else { break }
                }
                let tau = (tauSum - 1) / k
                for j in 0..<columns { let v = xi[j] - m - tau; yi[j] = v > 0 ? v : 0 }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (y, dy, dx) = (y, dy, dx)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let yi = y + r * columns, dyi = dy + r * columns, dxi = dx + r * columns
                var sum: Float = 0, count: Float = 0
                for j in 0..<columns where yi[j] > 0 { sum += dyi[j]; count += 1 }
                let mean = count > 0 ? sum / count : 0
                for j in 0..<columns { dxi[j] = yi[j] > 0 ? dyi[j] - mean : 0 }
            }
        }
    }

    public func value(_ x: Double) -> Double { x.isNaN ? x : min(max((x + 1) / 2, 0), 1) }
    public func derivative(_ x: Double) -> Double { x > -1 && x < 1 ? 0.5 : 0 }

    /// Sparsemax of a Double row by the sort-based algorithm, for reference checks.
    public static func reference(_ row: [Double]) -> [Double] {
        let z = row.sorted(by: >)
        var cumulative = 0.0, tau = 0.0
        for (j, v) in z.enumerated() {
            cumulative += v
            if 1 + Double(j + 1) * v > cumulative { tau = (cumulative - 1) / Double(j + 1) }
        }
        return row.map { max($0 - tau, 0) }
    }

    public var formula: String { "argmin_p in simplex ||p - x||^2 = max(x_i - tau, 0) (along the last axis)" }
    public var reference: String { "Martins & Astudillo, 2016 (From Softmax to Sparsemax)" }
    public var kinks: [Double] { [-1, 1] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 1), zeroCentred: false, monotonic: true, smooth: false,
                       saturating: true, usesExp: false, maxDerivative: 0.5)
    }
}

extension ActivationFunction where Self == Sparsemax {
    public static var sparsemax: Sparsemax { Sparsemax() }
}
