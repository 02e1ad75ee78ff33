import Testing
import Tensors

/// BLAS.gemm against a naive triple loop in Double, for every transpose combination.
@Suite struct GemmTests {
    /// A stored matrix of `rows` x `columns` with a padded leading dimension.
    struct Stored {
        var values: [Float]
        let ld: Int
        init(rows: Int, columns: Int, padding: Int, rng: inout RandomGenerator) {
            ld = columns + padding
            values = (0..<(rows * ld)).map { _ in rng.uniform(-1, 1) }
        }
        func at(_ r: Int, _ c: Int) -> Double { Double(values[r * ld + c]) }
    }

    static let cases: [(Bool, Bool, Int, Int, Int)] = [
        (false, false, 7, 5, 3), (true, false, 7, 5, 3), (false, true, 7, 5, 3), (true, true, 7, 5, 3),
        (false, false, 33, 17, 65), (true, false, 1, 31, 9), (false, true, 13, 1, 127), (true, true, 65, 3, 1),
        // Large enough to be split over the cores: by columns into 2 and 4 blocks, and by rows.
        (false, true, 130, 300, 40), (false, false, 64, 520, 1_100), (true, false, 2_000, 20, 900), (true, true, 300, 70, 60),
    ]

    @Test(arguments: cases)
    func matchesNaiveProduct(_ tA: Bool, _ tB: Bool, _ m: Int, _ n: Int, _ k: Int) {
        var rng = RandomGenerator(seed: UInt64(m * 1000 + n * 10 + k))
        // op(A) is m x k: A is stored k x m when transposed.
        let a = Stored(rows: tA ? k : m, columns: tA ? m : k, padding: 2, rng: &rng)
        let b = Stored(rows: tB ? n : k, columns: tB ? k : n, padding: 3, rng: &rng)
        var c = Stored(rows: m, columns: n, padding: 1, rng: &rng)
        let c0 = c
        let alpha: Float = 0.75, beta: Float = -0.5
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha,
                              a: pa.baseAddress!, lda: a.ld, b: pb.baseAddress!, ldb: b.ld,
                              beta: beta, c: pc.baseAddress!, ldc: c.ld)
                }
            }
        }
        var worst = 0.0
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0, magnitude = 0.0
                for p in 0..<k {
                    let x = tA ? a.at(p, i) : a.at(i, p)
                    let y = tB ? b.at(j, p) : b.at(p, j)
                    sum += x * y
                    magnitude += abs(x * y)
                }
                let expected = Double(alpha) * sum + Double(beta) * c0.at(i, j)
                let bound = Double(k + 2) * 1.2e-7 * (magnitude + abs(c0.at(i, j))) + 1e-12
                worst = max(worst, abs(c.at(i, j) - expected) / bound)
            }
        }
        #expect(worst <= 1, "error exceeds the rounding bound by \(worst)x")
        // The padding columns of C are never written.
        for i in 0..<m {
            #expect(c.values[i * c.ld + n] == c0.values[i * c.ld + n])
        }
    }
}
