import Experiments
import Layers
import Testing
@testable import Reports

@Suite struct DepthReportTests {
    static func run(_ activation: String, norms: [[Double]]) -> DepthExperiment.Run {
        DepthExperiment.Run(activation: activation, kernelInitializer: "glorot_uniform", testAccuracy: 0.5, testLoss: 1,
                            layers: ["dense", "dense_1", "dense_2"], gradientNorms: norms, deadFractions: [0.5, 0, 0],
                            saturatedFractions: [nil, nil, nil], history: History())
    }

    @Test func tableFiguresAndCharts() {
        var c = DepthExperiment.Configuration()
        c.depth = 2
        c.epochs = 2
        let report = DepthReport(configuration: c, runs: [
            Self.run("sigmoid", norms: [[0.001, 0.1, 1], [0.002, 0.1, 1]]),
            Self.run("relu", norms: [[0.5, 0.25, 1], [0.5, 0.5, 1]]),
        ])
        // Layer 1 over the last hidden layer (layer 2), the output layer left out.
        #expect(abs(report.figures["sigmoid/gradient_ratio_epoch1"]! - 0.01) < 1e-12)
        #expect(report.figures["relu/gradient_ratio_epoch1"] == 2)
        #expect(report.figures["relu/dead_fraction"] == 0.25)
        #expect(report.markdown.contains("| sigmoid    | glorot_uniform |        0.5000 |    1.00e-03 |    1.00e-01 |"), "\(report.markdown)")
        let perLayer = report.gradientNormPerLayerChart
        #expect(perLayer.series.count == 4, "epoch 1 and the last epoch per activation")
        #expect(perLayer.series[0].y == [-3, -1, 0] && !perLayer.series[0].dashed && perLayer.series[1].dashed)
        #expect(report.firstLayerGradientChart.series.map(\.x) == [[1, 2], [1, 2]])
        #expect(report.charts.map(\.name) == ["gradient-norm-per-layer.svg", "gradient-norm-per-epoch.svg"])
    }

    @Test func diagnosticsChartsOrderLayersNumerically() {
        var h = History()
        var logs = Logs()
        for name in ["dense", "dense_1", "dense_10", "dense_2"] { logs[name + "/grad_norm"] = 1 }
        h.append(logs, seconds: 1)
        let charts = DiagnosticsCharts.charts(h, title: "t")
        #expect(charts.map(\.metric) == ["grad_norm"])
        #expect(charts[0].chart.series.map(\.label) == ["dense", "dense_1", "dense_2", "dense_10"])
    }
}
