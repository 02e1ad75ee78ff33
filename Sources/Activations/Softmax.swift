import Foundation
import Tensors

/// Softmax along the last axis: f(x)_i = e^(x_i - max x) / sum_j e^(x_j - max x); subtracting
/// the row maximum keeps it finite for any input. Backward: dx_i = y_i (dy_i - sum_j dy_j y_j).
public struct Softmax: RegisteredActivation {
    public static let id = "softmax"
    public init() {}
    public init(parameters: [String: Double]) throws {}
    public var isElementwise: Bool { false }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let xi = x + r * columns, yi = y + r * columns
            var m = -Float.infinity
            for j in 0..<columns { m = Swift.max(m, xi[j]) }
            // A row of -inf (everything masked) has no maximum to subtract: spread uniformly.
            if m == -.infinity { for j in 0..<columns { yi[j] = 1 / Float(columns) }; continue }
            var sum: Float = 0
            for j in 0..<columns {
                let e = VectorMath.exp(xi[j] - m)
                yi[j] = e
                sum += e
            }
            let inv = 1 / sum
            for j in 0..<columns { yi[j] *= inv }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let yi = y + r * columns, dyi = dy + r * columns, dxi = dx + r * columns
            var dot: Float = 0
            for j in 0..<columns { dot += dyi[j] * yi[j] }
            for j in 0..<columns { dxi[j] = yi[j] * (dyi[j] - dot) }
        }
    }

    /// On a single-element row softmax is constantly 1.
    public func value(_ x: Double) -> Double { x.isNaN ? x : 1 }
    public func derivative(_ x: Double) -> Double { 0 }

    /// Softmax of a Double row, for reference checks.
    public static func reference(_ row: [Double]) -> [Double] {
        let m = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}

extension ActivationFunction where Self == Softmax {
    public static var softmax: Softmax { Softmax() }
}
