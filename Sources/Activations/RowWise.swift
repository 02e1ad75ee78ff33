import Foundation
import Tensors

/// Shared machinery of the row-wise functions (softmax family, sparsemax, glu, maxout).
enum RowWise {
    /// Calls `body(rowRange)` over disjoint row ranges, on both cores for large blocks.
    static func forEachRows(_ rows: Int, columns: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = min(Parallel.coreCount, rows, rows * columns / Parallel.minimumElementsPerThread)
        if threads <= 1 { body(0..<rows); return }
        // Several parts per thread, so whichever thread is free takes the next one.
        let parts = max(threads, min(4 * threads, rows, rows * columns / (1 << 15)))
        let chunk = (rows + parts - 1) / parts
        Parallel.run(parts: (rows + chunk - 1) / chunk) { p in
            let start = p * chunk
            body(start..<min(start + chunk, rows))
        }
    }

    /// The `axis` parameter: only the last axis exists in this library's row-major blocks.
    static let axisSpec = ParameterSpec("axis", default: -1, "the axis normalised over; only -1 (last) is supported",
                                        lower: -1, upper: -1, integral: true)

    /// Softmax (or softmin, `negate`) of every row, rows shared between the cores.
    static func softmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int, negate: Bool) {
        nonisolated(unsafe) let (x, y) = (x, y)
        forEachRows(rows, columns: columns) { range in
            for r in range { softmaxRow(x + r * columns, y + r * columns, columns, negate: negate) }
        }
    }

    /// The softmax (or softmin) vector-Jacobian product of every row.
    static func softmaxBackward(y: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>,
                                rows: Int, columns: Int, negate: Bool) {
        nonisolated(unsafe) let (y, dy, dx) = (y, dy, dx)
        forEachRows(rows, columns: columns) { range in
            for r in range { softmaxBackwardRow(y + r * columns, dy + r * columns, dx + r * columns, columns, negate: negate) }
        }
    }

    /// Softmax of one row into `y` (max-subtracted); returns nothing. A row of -inf has no
    /// maximum to subtract and comes out uniform; +inf entries share all the mass.
    static func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, negate: Bool) {
        let sign: Float = negate ? -1 : 1
        let m = maximum(x, n, sign: sign)
        if m == -.infinity { for j in 0..<n { y[j] = x[j].isNaN ? .nan : 1 / Float(n) }; return }
        if m == .infinity {
            var count: Float = 0
            for j in 0..<n where sign * x[j] == .infinity { count += 1 }
            for j in 0..<n { y[j] = sign * x[j] == .infinity ? 1 / count : (x[j].isNaN ? .nan : 0) }
            return
        }
        // Softmax's loop does without the sign: a multiply per element is ~5% of this pass.
        if negate {
            for j in 0..<n { y[j] = VectorMath.expNonPositive(-x[j] - m) }
        } else {
            for j in 0..<n { y[j] = VectorMath.expNonPositive(x[j] - m) }
        }
        let inv = 1 / sum(y, n)
        for j in 0..<n { y[j] *= inv }
    }

    /// dx = y (dy - <dy, y>), the softmax vector-Jacobian product.
    static func softmaxBackwardRow(_ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int, negate: Bool) {
        let dot = dot(dy, y, n)
        let sign: Float = negate ? -1 : 1
        for j in 0..<n { dx[j] = sign * y[j] * (dy[j] - dot) }
    }
}
