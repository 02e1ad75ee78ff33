import Foundation
import Testing
import Activations

/// Maxout on blocks big enough to be split between the cores, pairs and triples, with ties and NaN.
struct MaxoutTests {
    @Test(arguments: [2, 3])
    func largeBlocksMatchAScalarReference(pieces: Int) {
        // 800 x 171 groups: over twice Parallel.minimumElementsPerThread, so both cores take a share.
        let rows = 800, columns = 171 * pieces
        var g = SystemRandomNumberGeneratorStandIn(seed: UInt64(pieces))
        var x = (0..<rows * columns).map { _ in Float((g.normal() * 4).rounded()) }  // rounding makes ties common
        x[5] = .nan
        let dy = (0..<rows * columns / pieces).map { _ in Float(g.normal()) }
        let f = MaxoutActivation(pieces: pieces)
        let y = Run.forward(f, x, rows: rows, columns: columns)
        let dx = Run.backward(f, x, dy, rows: rows, columns: columns)
        for group in 0..<(rows * columns / pieces) {
            let xs = x[group * pieces..<(group + 1) * pieces]
            let want = xs.contains { $0.isNaN } ? Float.nan : xs.max()!
            #expect(y[group] == want || (y[group].isNaN && want.isNaN), "group \(group)")
            // The gradient goes to the first maximum (or the first NaN) only.
            let winner = xs.firstIndex { $0 == want || ($0.isNaN && want.isNaN) }!
            for i in xs.indices {
                #expect(dx[i] == (i == winner ? dy[group] : 0), "group \(group), piece \(i - group * pieces)")
            }
        }
    }
}
