import Activations
import Foundation
import Testing
@testable import Experiments

@Suite struct ActivationPlotsLabTests {
    static let section = Result { try ActivationPlotsLab.run(LabContext(quick: true)) }

    @Test func everyCatalogueFunctionIsPlottedWithItsDerivative() throws {
        let s = try Self.section.get()
        let labels = s.charts.flatMap { $0.series.map(\.label) }
        for id in Activation.ids {
            #expect(labels.contains(id), "\(id) missing")
            #expect(labels.contains(id + "′"), "\(id)′ missing")
        }
        for chart in s.charts {
            #expect(chart.series.count <= 2 * ActivationPlotsLab.perChart)
            // f solid, f′ dashed, in the same colour.
            for pair in stride(from: 0, to: chart.series.count, by: 2) {
                #expect(!chart.series[pair].dashed && chart.series[pair + 1].dashed)
                #expect(chart.series[pair].color == chart.series[pair + 1].color)
            }
        }
        #expect(s.tables[0].rows.count == Activation.ids.count)
    }

    /// The plotted points against hand values: sigmoid(0) = 1/2, sigmoid'(0) = 1/4, tanh'(0) = 1,
    /// relu'(-1) = 0; and the derivative series against a central difference of the function series.
    @Test func plottedValuesMatchHandValuesAndFiniteDifferences() throws {
        let s = try Self.section.get()
        func series(_ label: String) -> LabSeries { s.charts.flatMap(\.series).first { $0.label == label }! }
        func at(_ label: String, _ x: Double) -> Double {
            let line = series(label)
            return line.y[line.x.firstIndex { abs($0 - x) < 1e-9 }!]
        }
        #expect(abs(at("sigmoid", 0) - 0.5) < 1e-12)
        #expect(abs(at("sigmoid′", 0) - 0.25) < 1e-12)
        #expect(abs(at("tanh′", 0) - 1) < 1e-12)
        #expect(at("relu′", -1) == 0)
        for id in ["sigmoid", "tanh", "elu", "selu", "gelu", "softplus"] {
            let f = series(id), d = series(id + "′"), h = f.x[1] - f.x[0]
            for i in stride(from: 1, to: f.x.count - 1, by: 10) {
                let difference = (f.y[i + 1] - f.y[i - 1]) / (2 * h)
                #expect(abs(difference - d.y[i]) < 2e-3, "\(id)′ at \(f.x[i]): \(d.y[i]) vs \(difference)")
            }
        }
    }

    @Test func figuresHoldSlopesAndCosts() throws {
        let f = try Self.section.get().figures
        #expect(abs(f["plots/max_derivative/sigmoid"]! - 0.25) < 1e-6)
        #expect(abs(f["plots/max_derivative/tanh"]! - 1) < 1e-6)
        #expect(f["plots/uses_exp/elu"] == 1 && f["plots/uses_exp/relu"] == 0)
        #expect(f["plots/ns_per_element/relu"]! > 0)
        #expect(f.values.allSatisfy { $0.isFinite })
    }
}
