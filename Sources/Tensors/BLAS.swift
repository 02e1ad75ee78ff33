import COpenBLAS

/// Matrix products through CBLAS (OpenBLAS), row-major.
public enum BLAS {
    /// C = alpha * op(A) * op(B) + beta * C, where op(A) is m x k and op(B) is k x n.
    @inlinable
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Number of threads OpenBLAS uses for a product.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
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
