import Activations
import Foundation
import Testing

/// Row-wise functions against independent Double row references and finite differences.
struct RowwiseTests {
    /// Independent Double references, written from the definitions.
    static func reference(_ name: String, _ p: [String: Double], _ row: [Double]) -> [Double] {
        switch name {
        case "softmax", "softmin":
            let v = name == "softmin" ? row.map { -$0 } : row
            let e = v.map { Foundation.exp($0 - v.max()!) }
            return e.map { $0 / e.reduce(0, +) }
        case "log_softmax":
            let m = row.max()!
            let lse = m + Foundation.log(row.map { Foundation.exp($0 - m) }.reduce(0, +))
            return row.map { $0 - lse }
        case "sparsemax":
            // Bisection on tau: sum max(x - tau, 0) = 1 is decreasing in tau.
            var lo = row.max()! - 1, hi = row.max()!
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if row.map({ max($0 - mid, 0) }).reduce(0, +) > 1 { lo = mid } else { hi = mid }
            }
            return row.map { max($0 - (lo + hi) / 2, 0) }
        case "glu":
            let h = row.count / 2
            return (0..<h).map { row[$0] / (1 + Foundation.exp(-row[h + $0])) }
        case "swiglu", "geglu", "reglu", "bilinear":
            let h = row.count / 2
            let gate: (Double) -> Double = switch name {
            case "swiglu": { $0 / (1 + Foundation.exp(-$0)) }
            case "geglu": { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }
            case "reglu": { max($0, 0) }
            default: { $0 }
            }
            return (0..<h).map { row[$0] * gate(row[h + $0]) }
        case "maxout":
            let k = Int(p["pieces"] ?? 2)
            return stride(from: 0, to: row.count, by: k).map { row[$0..<$0 + k].max()! }
        default: preconditionFailure(name)
        }
    }

    static func rows(columns: Int) -> [[Double]] {
        var g = SystemRandomNumberGeneratorStandIn(seed: 11)
        var rows = (0..<6).map { _ in (0..<columns).map { _ in g.normal() * 2 } }
        rows.append((0..<columns).map { Double($0) * 0.37 - 1 })       // distinct, spread
        rows.append((0..<columns).map { _ in 1e3 + g.normal() })        // large and close together
        rows.append((0..<columns).map { -1e4 + Double($0) })            // very negative
        return rows
    }

    @Test(arguments: Case.rowwise)
    func forwardMatchesDoubleReference(_ c: Case) {
        let f = c.function
        let columns = 12
        for row in Self.rows(columns: columns) {
            let got = Run.forward(f, row.map { Float($0) }, rows: 1, columns: columns)
            let want = Self.reference(c.name, c.parameters, row.map { Double(Float($0)) })
            for (g, w) in zip(got, want) {
                #expect(close(Double(g), w, relative: 1e-5, absolute: 1e-6), "\(c.testDescription): row \(row.prefix(3))...: \(g) vs \(w)")
            }
        }
    }

    @Test(arguments: Case.rowwise)
    func backwardMatchesFiniteDifferences(_ c: Case) {
        let f = c.function
        let columns = 12
        var g = SystemRandomNumberGeneratorStandIn(seed: 5)
        for row in Self.rows(columns: columns).prefix(7) {
            let x = row.map { Float($0) }
            let dy = (0..<f.outputColumns(forInputColumns: columns)).map { _ in Float(g.normal()) }
            let dx = Run.backward(f, x, dy, rows: 1, columns: columns)
            let xd = x.map(Double.init)
            for i in 0..<columns {
                // d/dx_i of <dy, f(x)> by a central difference in Double.
                let loss = { (v: Double) -> Double in
                    var r = xd; r[i] = v
                    return zip(Self.reference(c.name, c.parameters, r), dy).map { $0 * Double($1) }.reduce(0, +)
                }
                let fd = centralDifference(loss, at: xd[i])
                #expect(close(Double(dx[i]), fd, relative: 1e-4, absolute: 2e-5), "\(c.testDescription): dx[\(i)] = \(dx[i]), finite difference \(fd)")
            }
        }
    }

    @Test(arguments: Case.rowwise)
    func scalarSliceIsTheDocumentedRow(_ c: Case) {
        let f = c.function
        for x in stride(from: -6.0, through: 6.0, by: 0.25) {
            let row: [Float] = ["glu", "swiglu", "geglu", "reglu", "bilinear"].contains(c.name) ? [Float(x), Float(x)]
                : [Float(x)] + Array(repeating: 0, count: c.name == "maxout" ? Int(c.parameters["pieces"] ?? 2) - 1 : 1)
            let y = Run.forward(f, row, rows: 1, columns: row.count)[0]
            #expect(close(Double(y), f.value(x), relative: 1e-5, absolute: 1e-6), "\(c.testDescription): slice at \(x): \(y) vs \(f.value(x))")
        }
    }

    @Test func manyRowsOnBothCoresAgreeWithOneRow() {
        for f in [Softmax() as any ActivationFunction, LogSoftmax(), Softmin(), Sparsemax(), GLU()] {
            let rows = 20_000, columns = 10
            let x = (0..<rows * columns).map { Float(sin(Double($0) * 0.7)) * 4 }
            let y = Run.forward(f, x, rows: rows, columns: columns)
            let out = f.outputColumns(forInputColumns: columns)
            let last = Run.forward(f, Array(x[(rows - 1) * columns..<rows * columns]), rows: 1, columns: columns)
            #expect(Array(y[(rows - 1) * out..<rows * out]) == last, "\(f.id)")
        }
    }
}
