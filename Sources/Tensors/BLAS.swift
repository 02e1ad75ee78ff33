import COpenBLAS
import Dispatch

/// Matrix products through CBLAS (OpenBLAS), row-major.
///
/// OpenBLAS runs single-threaded here and large products are split into one block per core
/// by us: OpenBLAS's own worker threads spin in `sched_yield` between calls and then fight
/// the element-wise work of the training step for the same two cores (measured: ~30% of an
/// epoch lost to scheduling). Blocks run on `Parallel`'s pool, whose threads spin only for a
/// short while after each job of ours and then sleep.
public enum BLAS {
    /// Products below this many multiply-adds run on one core: splitting costs more than it saves.
    nonisolated(unsafe) public static var minimumSplitWork = 1 << 20
    /// Products of at most this many multiply-adds run as plain loops: an OpenBLAS call costs
    /// more in dispatch and packing than a 32 x 1 x 2 product does in arithmetic, and tiny
    /// networks make thousands of such calls per training run.
    public static let directLoopWork = 1 << 12

    /// Call before any CBLAS call: kernels for this CPU, and one OpenBLAS thread (see above).
    public static let prepared: Void = {
        _ = actlab_openblas_select_kernels()
        openblas_set_num_threads(1)
    }()

    /// The kernel family OpenBLAS runs ("SkylakeX", "Haswell", ...), once `prepared`.
    public static var kernelName: String {
        _ = prepared
        return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }

    /// C = alpha * op(A) * op(B) + beta * C, where op(A) is m x k and op(B) is k x n.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m * n * k <= directLoopWork {
            return direct(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                          a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
        _ = prepared
        // Large products get two blocks per core, so a worker that starts late takes fewer of them
        // rather than leaving the caller waiting (batch 128: about 0.76 -> 0.72 s per MNIST epoch);
        // smaller ones lose more to thinner blocks than they gain.
        let work = m * n * k
        let parts = work >= minimumSplitWork ? (work >= 1 << 25 ? 2 : 1) * Parallel.coreCount : 1
        nonisolated(unsafe) let (a, b, c) = (a, b, c)
        @Sendable func block(m0: Int, mc: Int, n0: Int, nc: Int) {
            guard mc > 0, nc > 0 else { return }
            let aBlock = transposeA ? a + m0 : a + m0 * lda
            let bBlock = transposeB ? b + n0 * ldb : b + n0
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(mc), Int32(nc), Int32(k), alpha, aBlock, Int32(lda), bBlock, Int32(ldb),
                        beta, c + m0 * ldc + n0, Int32(ldc))
        }
        guard parts > 1 else { return block(m0: 0, mc: m, n0: 0, nc: n) }
        // Split the longer side of C, in multiples of 16 so each block keeps whole SIMD tiles.
        let splitColumns = n >= m || m < 16 * parts
        let side = splitColumns ? n : m
        let chunk = ((side + parts - 1) / parts + 15) & ~15
        Parallel.run(parts: parts) { p in
            let start = p * chunk, size = Swift.min(chunk, side - start)
            if splitColumns { block(m0: 0, mc: m, n0: start, nc: size) } else { block(m0: start, mc: size, n0: 0, nc: n) }
        }
    }
}

extension BLAS {
    /// y = sum over rows of a (rows x columns, row-major): the bias gradient of a dense layer.
    public static func columnSums(rows: Int, columns: Int, a: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                  ones: UnsafePointer<Float>) {
        if rows * columns <= directLoopWork {
            // The same sums, in the same order, as the product with a column of ones below.
            return direct(transposeA: true, transposeB: false, m: columns, n: 1, k: rows, alpha: 1,
                          a: a, lda: columns, b: ones, ldb: 1, beta: 0, c: y, ldc: 1)
        }
        _ = prepared
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1, a, Int32(columns), ones, 1, 0, y, 1)
    }

    /// The product as three loops, each element summed from zero in order of k, then scaled
    /// and added; beta 0 ignores what C held, as BLAS does (it may be uninitialised).
    @inline(__always)
    static func direct(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                       a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                       beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let (ai, ap) = transposeA ? (1, lda) : (lda, 1)
        let (bp, bj) = transposeB ? (1, ldb) : (ldb, 1)
        if beta == 0 {
            // Each element still sums from zero in order of k, but a row of C is updated at
            // once, so the independent sums overlap instead of waiting on each other.
            for i in 0..<m {
                let row = c + i * ldc
                for j in 0..<n { row[j] = 0 }
                for p in 0..<k {
                    let a = a[i * ai + p * ap], b = b + p * bp
                    for j in 0..<n { row[j] += a * b[j * bj] }
                }
                if alpha != 1 { for j in 0..<n { row[j] *= alpha } }
            }
            return
        }
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += a[i * ai + p * ap] * b[p * bp + j * bj] }
                let out = c + i * ldc + j
                out.pointee = beta == 0 ? alpha * s : alpha * s + beta * out.pointee
            }
        }
    }
}

extension Tensor {
    /// The matrix product of two rank-2 tensors, as a new tensor.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "matmul shape mismatch: \(shape) x \(other.shape)")
        let out = Tensor(zeros: [shape[0], other.shape[1]])
        BLAS.gemm(m: shape[0], n: other.shape[1], k: shape[1],
                  a: pointer, lda: shape[1], b: other.pointer, ldb: other.shape[1],
                  c: out.pointer, ldc: other.shape[1])
        return out
    }
}
