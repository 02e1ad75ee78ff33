import Foundation
import Tensors

/// Independent Double-precision forms used as references, and finite differences over them.
enum Reference {
    /// An activation applied to a row-major block, written out from its formula.
    static func activate(_ id: String, _ z: [Double], columns: Int) -> [Double] {
        switch id {
        case "linear": return z
        case "sigmoid": return z.map { 1 / (1 + exp(-$0)) }
        case "tanh": return z.map { Foundation.tanh($0) }
        case "relu": return z.map { max(0, $0) }
        case "softmax":
            return stride(from: 0, to: z.count, by: columns).flatMap { start in
                let row = z[start..<(start + columns)]
                let m = row.max()!
                let e = row.map { exp($0 - m) }
                let s = e.reduce(0, +)
                return e.map { $0 / s }
            }
        default: fatalError("no reference for \(id)")
        }
    }

    /// z = x W + b for x [n, inputs], W [inputs, units], b [units].
    static func affine(_ x: [Double], _ w: [Double], _ b: [Double], rows n: Int, inputs: Int, units: Int) -> [Double] {
        var z = [Double](repeating: 0, count: n * units)
        for r in 0..<n {
            for u in 0..<units {
                var s = b[u]
                for i in 0..<inputs { s += x[r * inputs + i] * w[i * units + u] }
                z[r * units + u] = s
            }
        }
        return z
    }

    /// Central differences of `f` with respect to every element of `point`.
    static func gradient(at point: [Double], step h: Double = 1e-6, _ f: ([Double]) -> Double) -> [Double] {
        (0..<point.count).map { i in
            var plus = point, minus = point
            plus[i] += h
            minus[i] -= h
            return (f(plus) - f(minus)) / (2 * h)
        }
    }

    static func random(_ count: Int, _ low: Float, _ high: Float, _ rng: inout RandomGenerator) -> [Float] {
        (0..<count).map { _ in rng.uniform(low, high) }
    }
}

/// Whether every element of `got` is within `absolute + relative * |expected|` of `expected`.
func isClose(_ got: [Double], _ expected: [Double], absolute: Double = 1e-5, relative: Double = 1e-3) -> Bool {
    got.count == expected.count && zip(got, expected).allSatisfy { abs($0 - $1) <= absolute + relative * abs($1) }
}

extension Tensor {
    var doubles: [Double] { scalars.map(Double.init) }
}
