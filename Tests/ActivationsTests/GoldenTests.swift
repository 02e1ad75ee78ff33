import Activations
import Foundation
import Testing

/// Float kernels against float64 reference values: PyTorch (scripts/make_activation_goldens.py) and NumPy (scripts/make_catalogue2_goldens.py).
struct GoldenTests {
    struct Golden: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let parameters: [String: Double]
        let native: Bool
        let kinks: [Double]
        let rows: Int
        let columns: Int
        let x, y, dy, dx: [Double]
        var testDescription: String { parameters.isEmpty ? name : "\(name)\(parameters.sorted { $0.key < $1.key })" }
    }

    struct Fixture: Decodable { let cases: [Golden] }

    /// PyTorch's goldens, then the NumPy ones of the second catalogue (scripts/make_catalogue2_goldens.py).
    static let goldens: [Golden] = ["activation_goldens", "catalogue2_goldens"].flatMap { name -> [Golden] in
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let fixture = try? JSONDecoder().decode(Fixture.self, from: data) else { return [] }
        return fixture.cases
    }

    @Test func fixtureCoversTheCatalogue() {
        let covered = Set(Self.goldens.map(\.name))
        #expect(Self.goldens.count >= 40)
        for id in Activation.ids { #expect(covered.contains(id), "no golden for \(id)") }
    }

    @Test(arguments: GoldenTests.goldens)
    func forwardAndBackwardMatchPytorch(_ g: Golden) throws {
        let f = try Activation.named(g.name, parameters: g.parameters)
        let x = g.x.map { Float($0) }
        let y = Run.forward(f, x, rows: g.rows, columns: g.columns)
        #expect(y.count == g.y.count)
        let out = f.outputColumns(forInputColumns: g.columns)
        for (i, (got, want)) in zip(y, g.y).enumerated() {
            // Elementwise outputs sit at their input; row-wise ones are judged by their row's scale.
            let xi = f.isElementwise ? abs(g.x[i]) : 1
            #expect(close(Double(got), want, relative: 2e-6, absolute: 3e-7 * max(1, xi)),
                    "\(g.testDescription): y[\(i)] (row \(i / out)) = \(got), PyTorch \(want)")
        }
        let dx = Run.backward(f, x, g.dy.map { Float($0) }, rows: g.rows, columns: g.columns)
        for (i, (got, want)) in zip(dx, g.dx).enumerated() {
            // At a kink a composed reference's derivative is its own convention, not PyTorch's.
            if !g.native && g.kinks.contains(g.x[i]) { continue }
            #expect(close(Double(got), want, relative: 2e-5, absolute: 2e-6),
                    "\(g.testDescription): dx[\(i)] at x = \(g.x[i]) = \(got), PyTorch \(want)")
        }
    }
}
