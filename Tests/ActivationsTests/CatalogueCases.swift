import Activations
import Foundation
import Testing

/// The shared per-activation template: every registry entry under several parameter settings.
struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let parameters: [String: Double]
    var testDescription: String { parameters.isEmpty ? name : "\(name)\(parameters.sorted { $0.key < $1.key })" }
    var function: any ActivationFunction { try! Activation.named(name, parameters: parameters) }

    static let all: [Case] = [
        ("linear", [:]), ("sigmoid", [:]), ("hard_sigmoid", [:]), ("hard_sigmoid", ["legacy": 1]),
        ("log_sigmoid", [:]), ("sparse_sigmoid", [:]), ("tanh", [:]), ("hard_tanh", [:]),
        ("hard_tanh", ["min_val": -2, "max_val": 0.5]), ("tanh_shrink", [:]), ("softsign", [:]),
        ("relu", [:]), ("relu", ["negative_slope": 0.1]), ("relu", ["max_value": 6]), ("relu", ["threshold": 0.5]),
        ("relu", ["negative_slope": 0.2, "max_value": 3, "threshold": -0.5]), ("relu6", [:]),
        ("leaky_relu", [:]), ("leaky_relu", ["alpha": 0.01]), ("leaky_relu", ["negative_slope": 0.2]),
        ("prelu", [:]), ("prelu", ["alpha": 0.25]), ("prelu", ["alpha": -0.5]), ("rrelu", [:]),
        ("threshold", [:]), ("threshold", ["threshold": 1, "default_value": -2]),
        ("elu", [:]), ("elu", ["alpha": 0.5]), ("elu", ["alpha": 2]), ("selu", [:]), ("celu", [:]), ("celu", ["alpha": 0.5]),
        ("gelu", [:]), ("gelu", ["approximate": 1]), ("silu", [:]), ("swish", ["beta": 2]), ("hard_silu", [:]), ("mish", [:]),
        ("softplus", [:]), ("softplus", ["beta": 2, "threshold": 20]), ("softplus", ["threshold": 2]), ("squareplus", [:]), ("squareplus", ["b": 0]),
        ("sparse_plus", [:]), ("soft_shrink", [:]), ("soft_shrink", ["threshold": 1]), ("hard_shrink", [:]),
        ("exponential", [:]), ("softmax", [:]), ("log_softmax", [:]), ("softmin", [:]), ("sparsemax", [:]),
        ("glu", [:]), ("maxout", [:]), ("maxout", ["pieces": 3]),
        ("swiglu", [:]), ("geglu", [:]), ("reglu", [:]), ("bilinear", [:]), ("relu2", [:]), ("quick_gelu", [:]),
        ("xielu", [:]), ("xielu", ["alpha_n": 0.3]), ("xielu", ["alpha_n": 1.5, "beta": 1.5]),
        ("isru", [:]), ("isru", ["alpha": 4]), ("isrlu", [:]), ("isrlu", ["alpha": 0.25]), ("bent_identity", [:]),
        // sin(30 x) curves too fast for the sheet's sampled smoothness check; SIREN's w0 = 30 is
        // checked by the golden values and in LearnableTests.
        ("sine", ["w0": 1]), ("sine", ["w0": 2.5]),
        ("star_relu", [:]), ("star_relu", ["scale": 1, "bias": 0]), ("snake", [:]), ("snake", ["alpha": 0.4]),
        ("srelu", [:]), ("srelu", ["t_left": -1, "a_left": 0.1, "t_right": 1, "a_right": 0.5]),
        ("acon_c", [:]), ("acon_c", ["p1": 1.2, "p2": 0.25, "beta": 2]), ("acon_c", ["p1": -0.5, "p2": 0.5, "beta": 0.7]),
        ("pau", [:]),
    ].map { Case(name: $0.0, parameters: $0.1) }

    static var elementwise: [Case] { all.filter { $0.function.isElementwise } }
    static var rowwise: [Case] { all.filter { !$0.function.isElementwise } }
}

/// Inputs spanning the regimes Keras tests: tiny, moderate (a fine grid and random normals), large.
enum Inputs {
    static let grid: [Double] = stride(from: -12.0, through: 12.0, by: 0.0137).map { $0 }
    static let tiny: [Double] = [1e-40, -1e-40, 1e-30, -1e-30, 1e-7, -1e-7, 0]
    static let large: [Double] = [30, -30, 50, -50, 100, -100, 1e3, -1e3, 1e4, -1e4]
    static let random: [Double] = {
        var g = SystemRandomNumberGeneratorStandIn(seed: 7)
        return (0..<500).map { _ in g.normal() * 3 }
    }()
    static var all: [Double] { grid + tiny + large + random }

    /// Keeps x at least `margin` away from the function's kinks (finite differences straddle them otherwise).
    static func awayFromKinks(_ xs: [Double], _ f: any ActivationFunction, margin: Double = 1e-3) -> [Double] {
        xs.filter { x in f.kinks.allSatisfy { abs(x - $0) > margin } }
    }
}

/// A tiny seeded generator so the test inputs are the same on every run.
struct SystemRandomNumberGeneratorStandIn {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

/// Runs the array forward/backward on Float data.
enum Run {
    static func forward(_ f: any ActivationFunction, _ x: [Float], rows: Int, columns: Int) -> [Float] {
        var y = [Float](repeating: 0, count: rows * f.outputColumns(forInputColumns: columns))
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { f.forward(xp.baseAddress!, $0.baseAddress!, rows: rows, columns: columns) }
        }
        return y
    }

    static func backward(_ f: any ActivationFunction, _ x: [Float], _ dy: [Float], rows: Int, columns: Int) -> [Float] {
        let y = forward(f, x, rows: rows, columns: columns)
        var dx = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                dy.withUnsafeBufferPointer { dyp in
                    dx.withUnsafeMutableBufferPointer {
                        f.backward(x: xp.baseAddress!, y: yp.baseAddress!, dy: dyp.baseAddress!, dx: $0.baseAddress!, rows: rows, columns: columns)
                    }
                }
            }
        }
        return dx
    }
}

/// Central difference of a Double function, step scaled to x.
func centralDifference(_ f: (Double) -> Double, at x: Double) -> Double {
    let h = 1e-6 * max(1, abs(x))
    return (f(x + h) - f(x - h)) / (2 * h)
}

func close(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= absolute + relative * abs(b)
}
