extension BLAS {
    /// Inner-dimension span summed per pass over C: a span of B (256 x 128 floats) stays in L2
    /// cache while every tile of C passes over it.
    static let unpackedDepthSpan = 256

    /// C = op(A) · B on the calling thread, straight from the operands: no packed copies and no
    /// zeroing pass. For products whose inner dimension is short (32-256) or whose C is small,
    /// where OpenBLAS spends about as long packing as multiplying. B is k x n row-major; op(A)
    /// is m x k, A stored k x m with `transposeA`. C's previous contents are ignored (beta = 0).
    /// Fast only in builds for a CPU with wide vectors (`-target-cpu native`).
    public static func unpackedGemm(transposeA: Bool = false, m: Int, n: Int, k: Int,
                                    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                    c: UnsafeMutablePointer<Float>, ldc: Int) {
        precondition(m >= 0 && n >= 0 && k >= 0, "unpackedGemm: negative size \(m) x \(n) x \(k)")
        var o = RegisterTile.Operands(a: a, rowStride: transposeA ? 1 : lda, depthStride: transposeA ? lda : 1,
                                      b: b, ldb: ldb, c: c, ldc: ldc, depth: 0, accumulate: false)
        var k0 = 0
        repeat {
            o.depth = Swift.min(unpackedDepthSpan, k - k0)
            o.a = a + k0 * o.depthStride
            o.b = b + k0 * ldb
            o.accumulate = k0 > 0
            RegisterTile.sweep(o, rows: m, columns: n)
            k0 += o.depth
        } while k0 < k
    }
}

extension BLAS {
    /// Whether this build targets a CPU whose vectors make `unpackedGemm` fast: the release
    /// scripts build with `-target-cpu native -D ACTLAB_FMA`. Without a target CPU its SIMD code
    /// runs 5-7x slower than OpenBLAS (measured on Zen 4), so callers keep OpenBLAS then.
    public static var unpackedGemmIsFast: Bool {
        #if ACTLAB_FMA
        true
        #else
        false
        #endif
    }
}
