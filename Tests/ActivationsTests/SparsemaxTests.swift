import Foundation
import Testing
@testable import Activations

/// Sparsemax's threshold search (Michelot's iteration, sort-based fallback) on rows wide enough
/// for its vectorised sweeps, against the Double sort-based reference.
struct SparsemaxTests {
    static func rows(columns: Int) -> [[Double]] {
        var g = SystemRandomNumberGeneratorStandIn(seed: UInt64(columns))
        var rows = (0..<8).map { s in (0..<columns).map { _ in g.normal() * Double(s + 1) } }
        rows.append((0..<columns).map { -Double($0 * $0) * 0.01 })          // spread: small support
        rows.append((0..<columns).map { _ in 1e3 + 1e-3 * g.normal() })     // near-ties: large support
        rows.append((0..<columns).map { -Foundation.pow(1.5, Double($0 % 30)) })  // geometric, repeated
        rows.append([Double](repeating: 2, count: columns))                 // all equal
        rows.append((0..<columns).map { $0 == 1 ? 0.5 : -3e38 })           // the first sum overflows
        return rows
    }

    @Test(arguments: [3, 16, 17, 100, 1024])
    func forwardMatchesTheSortBasedReference(columns: Int) {
        for row in Self.rows(columns: columns) {
            let xs = row.map { Float($0) }
            let got = Run.forward(Sparsemax(), xs, rows: 1, columns: columns)
            let want = Sparsemax.reference(xs.map { Double($0) })
            for (g, w) in zip(got, want) {
                #expect(abs(Double(g) - w) <= 2e-6, "columns \(columns), row \(row.prefix(3))...: \(g) vs \(w)")
            }
            #expect(abs(got.reduce(0, +) - 1) <= 1e-5)
            #expect(got.allSatisfy { $0 >= 0 })
        }
    }

    /// The iteration and the sorting fallback find the same tau (to rounding).
    @Test(arguments: [5, 64, 1000])
    func iterationAndSortingAgree(columns: Int) {
        for row in Self.rows(columns: columns) {
            let m = row.map { Float($0) }.max()!
            let z = row.map { Float($0) - m }
            let fast = z.withUnsafeBufferPointer { Sparsemax.threshold($0.baseAddress!, columns) }
            let sorted = z.withUnsafeBufferPointer { Sparsemax.sortedThreshold($0.baseAddress!, columns) }
            #expect(abs(fast - sorted) <= 1e-5 * max(1, abs(sorted)), "columns \(columns): \(fast) vs \(sorted)")
        }
    }
}

extension SparsemaxTests {
    /// dx_i = dy_i - mean of dy over the support, 0 off it, on rows wide enough for the SIMD sweep.
    @Test(arguments: [7, 16, 100, 1024])
    func backwardSubtractsTheSupportMean(columns: Int) {
        var g = SystemRandomNumberGeneratorStandIn(seed: 3)
        let x = (0..<columns).map { _ in Float(g.normal() * 3) }
        let dy = (0..<columns).map { _ in Float(g.normal()) }
        let y = Run.forward(Sparsemax(), x, rows: 1, columns: columns)
        let dx = Run.backward(Sparsemax(), x, dy, rows: 1, columns: columns)
        let support = (0..<columns).filter { y[$0] > 0 }
        let mean = support.map { Double(dy[$0]) }.reduce(0, +) / Double(support.count)
        for i in 0..<columns {
            let want = y[i] > 0 ? Double(dy[i]) - mean : 0
            #expect(abs(Double(dx[i]) - want) <= 1e-5, "columns \(columns), i \(i): \(dx[i]) vs \(want)")
        }
    }
}
