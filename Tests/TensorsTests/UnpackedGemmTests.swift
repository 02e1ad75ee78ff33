import Testing
import Tensors

/// BLAS.unpackedGemm against a Double product on random matrices whose sizes leave remainders
/// in every dimension: rows past the tiles of 6 and 12, columns past the bands of 64, 32 and 16,
/// inner dimensions past a span of 256; leading dimensions wider than the matrices.
@Suite struct UnpackedGemmTests {
    static let sizes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (7, 5, 3), (6, 64, 32), (13, 117, 9), (37, 64 + 32 + 16 + 5, 17), (19, 48, 300), (5, 130, 513),
    ]

    @Test(arguments: sizes, [false, true])
    func matchesDoubleProduct(_ size: (m: Int, n: Int, k: Int), _ transposeA: Bool) {
        let (m, n, k) = size
        var rng = RandomGenerator(seed: UInt64(m * 1000 + n * 10 + k))
        // A is m x k (k x m transposed) with 3 spare columns; B and C have 2 and 5.
        let lda = (transposeA ? m : k) + 3, ldb = n + 2, ldc = n + 5
        let a = (0..<((transposeA ? k : m) * lda)).map { _ in rng.uniform(-1, 1) }
        let b = (0..<(k * ldb)).map { _ in rng.uniform(-1, 1) }
        // NaN where C is written (beta 0 must ignore it), a marker in the spare columns.
        var c = (0..<(m * ldc)).map { $0 % ldc < n ? Float.nan : 7 }
        BLAS.unpackedGemm(transposeA: transposeA, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: &c, ldc: ldc)
        var wrong = 0
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0, magnitude = 0.0
                for p in 0..<k {
                    let term = Double(transposeA ? a[p * lda + i] : a[i * lda + p]) * Double(b[p * ldb + j])
                    s += term
                    magnitude += abs(term)
                }
                // A float sum of k terms is within k ulps of the sum of magnitudes (NaN: not written).
                if !(abs(Double(c[i * ldc + j]) - s) <= Double(k) * 1.2e-7 * magnitude) { wrong += 1 }
            }
            #expect(c[(i * ldc + n)..<((i + 1) * ldc)].allSatisfy { $0 == 7 }, "row \(i) spare columns written")
        }
        #expect(wrong == 0, "\(size) transposeA \(transposeA): \(wrong) elements off")
    }

    @Test func emptyInnerDimensionGivesZeros() {
        var c = [Float](repeating: .nan, count: 3 * 20)
        BLAS.unpackedGemm(m: 3, n: 20, k: 0, a: [Float](repeating: 1, count: 1), lda: 1,
                          b: [Float](repeating: 1, count: 20), ldb: 20, c: &c, ldc: 20)
        #expect(c.allSatisfy { $0 == 0 })
    }
}
