import Foundation
import Tensors

/// Log-softmax along the last axis: f(x)_i = x_i - max x - log sum_j e^(x_j - max x), never
/// forming the softmax itself. Backward: dx_i = dy_i - e^(y_i) sum_j dy_j. A row of -inf gives
/// log(1/n). Scalar slice: the first output of [x, 0], which is log_sigmoid(x).
public struct LogSoftmax: RegisteredActivation {
    public static let id = "log_softmax"
    public static let parameterSpecs = [RowWise.axisSpec]
    public init() {}
    public init(parameters p: [String: Double]) throws { _ = try Self.parameter("axis", in: p) }
    public var isElementwise: Bool { false }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let xi = x + r * columns, yi = y + r * columns
                let m = RowWise.maximum(xi, columns)
                if m.isInfinite {
                    // All -inf: uniform; any +inf: the infinite entries share the mass.
                    RowWise.softmaxRow(xi, yi, columns, negate: false)
                    for j in 0..<columns { yi[j] = VectorMath.log(yi[j]) }
                    continue
                }
                // y holds e^(x - m) for the moment; it is overwritten below.
                for j in 0..<columns { yi[j] = VectorMath.expNonPositive(xi[j] - m) }
                let sum = RowWise.sum(yi, columns)
                // (x - m) first: subtracting m + log(sum) at once would round away the small part.
                let logSum = VectorMath.log(sum)
                for j in 0..<columns { yi[j] = (xi[j] - m) - logSum }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (y, dy, dx) = (y, dy, dx)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let yi = y + r * columns, dyi = dy + r * columns, dxi = dx + r * columns
                let total = RowWise.sum(dyi, columns)
                for j in 0..<columns { dxi[j] = dyi[j] - VectorMath.exp(yi[j]) * total }
            }
        }
    }

    public func value(_ x: Double) -> Double { -DoubleForms.softplus(-x) }
    public func derivative(_ x: Double) -> Double { DoubleForms.sigmoid(-x) }

    public var formula: String { "x_i - log sum_j e^x_j (along the last axis)" }
    public var reference: String { "log of softmax (Bridle, 1990); PyTorch nn.LogSoftmax, Keras 3 log_softmax" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, 0), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == LogSoftmax {
    public static var logSoftmax: LogSoftmax { LogSoftmax() }
}
