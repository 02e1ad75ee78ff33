import COpenBLAS
import Foundation
import Testing
import Tensors

/// OpenBLAS falls back to its SSE3 "Prescott" kernels on a CPU model it does not know; where
/// the CPU has AVX2 or AVX-512, `BLAS.prepared` must have re-selected by features.
@Suite struct BLASKernelTests {
    @Test func kernelsMatchTheCPU() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let best = actlab_openblas_core_by_features().map({ String(cString: $0) }) else { return }
        #expect(BLAS.kernelName != "Prescott", "the CPU supports \(best)")
    }

    /// A product large enough for OpenBLAS's packed kernels, after the re-selection, against Double.
    @Test func productAfterSelection() {
        _ = BLAS.prepared
        let (m, n, k) = (67, 45, 131)
        let a = (0..<(m * k)).map { Float(($0 * 37) % 23) / 11 - 1 }, b = (0..<(k * n)).map { Float(($0 * 53) % 29) / 13 - 1 }
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, ap.baseAddress, Int32(k),
                        bp.baseAddress, Int32(n), 0, cp.baseAddress, Int32(n))
        } } }
        var worst = 0.0
        for i in 0..<m { for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += Double(a[i * k + p]) * Double(b[p * n + j]) }
            worst = max(worst, abs(s - Double(c[i * n + j])))
        } }
        #expect(worst < 1e-4)
    }
}
