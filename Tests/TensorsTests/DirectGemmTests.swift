import Testing
import Tensors

/// Products small enough for BLAS.gemm's plain loops: beta 0 must ignore whatever C held (NaN
/// here, as in a fresh buffer), and the bias-gradient column sums must be exact sums in order.
@Suite struct DirectGemmTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)], [Float(1), 0.75])
    func betaZeroIgnoresC(_ transposes: (Bool, Bool), _ alpha: Float) {
        let (tA, tB) = transposes
        let (m, n, k) = (5, 3, 4)
        var rng = RandomGenerator(seed: 9)
        let a = (0..<(m * k)).map { _ in rng.uniform(-1, 1) }, b = (0..<(k * n)).map { _ in rng.uniform(-1, 1) }
        var c = [Float](repeating: .nan, count: m * n)
        BLAS.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: tA ? m : k,
                  b: b, ldb: tB ? k : n, beta: 0, c: &c, ldc: n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(tA ? a[p * m + i] : a[i * k + p]) * Double(tB ? b[j * k + p] : b[p * n + j]) }
                #expect(abs(Double(c[i * n + j]) - Double(alpha) * s) < 1e-6, "\(tA) \(tB) [\(i), \(j)]")
            }
        }
    }

    @Test func columnSumsAreSumsInRowOrder() {
        let a: [Float] = [1, 2, 3, 4, 5, 6, 1e8, -1e8, 1]   // 3 rows x 3 columns
        var y = [Float](repeating: .nan, count: 3)
        let ones = [Float](repeating: 1, count: 3)
        BLAS.columnSums(rows: 3, columns: 3, a: a, into: &y, ones: ones)
        let expected: [Float] = [Float(5) + 1e8, Float(7) - 1e8, 10]
        #expect(y == expected)
    }
}
