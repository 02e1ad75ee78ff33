import Datasets
import Foundation
import Testing
@testable import Experiments
@testable import Layers

/// Experiments B, C and depth as report sections, on settings small enough for a debug build.
@Suite struct LabAdaptersTests {
    @Test func theThreeAreBuiltInInTheStatedOrder() {
        let all = LabRegistry.all
        for (id, order) in [("synthetic", 30), ("curve-fit", 40), ("depth", 50)] {
            #expect(all.first { $0.id == id }?.order == order, "\(id)")
        }
        let ids = all.map { $0.id }
        #expect(ids.firstIndex(of: "mnist-mlp")! < ids.firstIndex(of: "synthetic")!)
        #expect(ids.firstIndex(of: "synthetic")! < ids.firstIndex(of: "curve-fit")!)
        #expect(ids.firstIndex(of: "curve-fit")! < ids.firstIndex(of: "depth")!)
        #expect(LabRegistry.plan(optIns: []).run.contains { $0.id == "depth" })
    }

    @Test func quickSettingsAreSmallerAndFullOnesTheArticles() {
        #expect(SyntheticLab.configuration(quick: false) == SyntheticComparison.Configuration())
        #expect(SyntheticLab.configuration(quick: true).epochs < SyntheticComparison.Configuration().epochs)
        #expect(SyntheticLab.configuration(quick: false, seeds: 3).seeds == [0, 1, 2])
        #expect(CurveFitLab.configuration(quick: false) == CurveFit.Configuration())
        #expect(CurveFitLab.configuration(quick: true).seeds < CurveFit.Configuration().seeds)
        #expect(DepthLab.configuration(quick: false) == DepthExperiment.Configuration())
        #expect(DepthLab.trainingImages(quick: false) == nil && DepthLab.trainingImages(quick: true) != nil)
    }

    @Test func syntheticSectionChartsEveryActivationsValidationAccuracy() throws {
        var c = SyntheticLab.configuration(quick: true)
        (c.samples, c.epochs, c.hiddenUnits, c.seeds) = (100, 2, 8, [0, 1])
        let results = try SyntheticComparison(configuration: c).run()
        let section = SyntheticLab.section(results)
        #expect(section.id == "synthetic")
        #expect(section.charts.count == 1)
        #expect(section.charts[0].series.map(\.label) == c.activations)
        #expect(section.charts[0].series.allSatisfy { $0.x == [1, 2] })
        #expect(section.tables[0].rows.count == 7)
        let relu = results.runs.filter { $0.activation == "relu" }.map(\.testAccuracy)
        #expect(abs(section.figures["synthetic/test_accuracy/relu"]! - (relu[0] + relu[1]) / 2) < 1e-12)
        let sd = abs(relu[0] - relu[1]) / 2.squareRoot()
        #expect(abs((section.figures["synthetic/test_accuracy_sd/relu"] ?? 0) - sd) < 1e-12 || relu[0] == relu[1])
        #expect(section.figures["synthetic/seeds/relu"] == 2)
        #expect(section.figures["synthetic/test_images"] == 20)
    }

    @Test func curveFitSectionDrawsReluAndLeakyReluUnitByUnit() throws {
        var c = CurveFitLab.configuration(quick: true)
        (c.activations, c.seeds, c.epochs, c.points) = (["tanh", "relu", "leaky_relu"], 3, 30, 40)
        let experiment = try CurveFit(configuration: c)
        let results = try experiment.run()
        let section = CurveFitLab.section(experiment, results)
        #expect(section.charts.map(\.name) == ["fit-relu", "fit-leaky_relu"])
        for chart in section.charts {
            #expect(chart.series.count == 2 + c.units, "target, fit and one line per unit")
            // The units' weighted outputs and the output bias add up to the fit.
            let fit = chart.series[1].y, units = chart.series[2...].map(\.y)
            let r = CurveFitLab.typicalRun(results, chart.name == "fit-relu" ? "relu" : "leaky_relu")!
            for i in fit.indices {
                #expect(abs(units.map { $0[i] }.reduce(0, +) + Double(r.outputBias[0]) - fit[i]) < 1e-4)
            }
        }
        // Median-MSE run: as many runs at or below it as at or above it.
        let relu = results.runs.filter { $0.activation == "relu" }.map(\.finalMSE).sorted()
        #expect(CurveFitLab.typicalRun(results, "relu")!.finalMSE == relu[1])
        #expect(section.figures["curve-fit/median_mse/relu"] == relu[1])
        let dead = Double(results.runs.filter { $0.activation == "relu" && ($0.deadUnits ?? 0) > 0 }.count) / 3
        #expect(section.figures["curve-fit/dead_units/relu"] == dead)
        #expect(section.figures["curve-fit/dead_units/tanh"] != nil)
    }

    @Test func depthSectionChartsGradientNormPerLayer() throws {
        var c = DepthLab.configuration(quick: true)
        (c.activations, c.depth, c.hiddenUnits, c.epochs) = (["sigmoid", "relu"], 4, 8, 1)
        let data = try DepthExperimentTests.tiny.get()
        let runs = try DepthExperiment(configuration: c).run(data: data)
        let section = DepthLab.section(runs: runs, configuration: c, trainingImages: data.trainImages.rows, testImages: data.testImages.rows)
        #expect(section.charts[0].series.map(\.label) == ["sigmoid", "relu"])
        for (series, run) in zip(section.charts[0].series, runs) {
            #expect(series.x == [1, 2, 3, 4], "hidden layers only, not the output")
            #expect(zip(series.y, run.gradientNorms[0]).allSatisfy { abs($0 - log10($1)) < 1e-12 })
            #expect(section.figures["depth/gradient_ratio/\(run.activation)"] == run.gradientNorms[0][0] / run.gradientNorms[0][3])
            #expect(section.figures["depth/test_accuracy/\(run.activation)"] == run.testAccuracy)
        }
        #expect(section.figures["depth/layers"] == 4)
    }

    @Test func depthNeedsTheMNISTFolder() {
        #expect(throws: ExperimentError.self) { try DepthLab.run(LabContext(quick: true)) }
    }

    // MARK: advice fed by the new figures

    static func evidence(_ figures: [String: Double]) -> AdviceEvidence { AdviceEvidence(source: "x", figures: figures) }

    static func statement(_ id: String, _ e: AdviceEvidence, depth: Int? = nil) -> AdviceStatement {
        Advisor.advise(AdviceQuestion(depth: depth), evidence: e).first { $0.id == id }!
    }

    static func syntheticRun(_ activation: String, _ accuracy: Double) -> SyntheticComparison.Run {
        .init(activation: activation, seed: 0, finalValidationAccuracy: accuracy, testAccuracy: accuracy, testLoss: 0.3, seconds: 1,
              history: History(history: ["val_accuracy": [accuracy]], seconds: [1]))
    }

    @Test func syntheticFiguresBackOrContradictReluOverSigmoid() {
        var c = SyntheticComparison.Configuration()
        c.activations = ["relu", "sigmoid", "tanh"]
        // 200 test rows: the margin is about 0.04 near 0.9.
        let backed = SyntheticLab.figures(.init(configuration: c, runs: [Self.syntheticRun("relu", 0.95), Self.syntheticRun("sigmoid", 0.85),
                                                                        Self.syntheticRun("tanh", 0.86)]))
        let s = Self.statement("relu-default", Self.evidence(backed))
        #expect(s.finding.verdict == .backed, "\(s.text)")
        #expect(s.finding.detail.contains("synthetic"))
        #expect(Self.statement("tanh-over-sigmoid", Self.evidence(backed)).finding.verdict == .inconclusive)
        let reversed = SyntheticLab.figures(.init(configuration: c, runs: [Self.syntheticRun("relu", 0.80), Self.syntheticRun("sigmoid", 0.90)]))
        #expect(Self.statement("relu-default", Self.evidence(reversed)).finding.verdict == .contradicted)
        // MNIST backs it, the synthetic data contradicts it: the two together settle nothing.
        var both = reversed
        both["mnist-mlp/test_accuracy/relu/depth1"] = 0.98
        both["mnist-mlp/test_accuracy/sigmoid/depth1"] = 0.96
        #expect(Self.statement("relu-default", Self.evidence(both)).finding.verdict == .inconclusive)
    }

    @Test func curveFitFiguresFeedTheDeadUnitRule() throws {
        var c = CurveFit.Configuration()
        (c.activations, c.seeds, c.epochs, c.points) = (["relu", "leaky_relu"], 2, 5, 20)
        let results = try CurveFit(configuration: c).run()
        let f = CurveFitLab.figures(results)
        let s = Self.statement("dead-units", Self.evidence(f))
        #expect(s.finding.verdict != .noMeasurement)
        #expect(s.finding.detail.contains("relu \(adviceNumber(f["curve-fit/dead_units/relu"]!))"))
    }

    static func depthRun(_ activation: String, norms: [Double]) -> DepthExperiment.Run {
        .init(activation: activation, kernelInitializer: "glorot_uniform", testAccuracy: 0.9, testLoss: 0.3,
              layers: norms.indices.map { "dense_\($0)" }, gradientNorms: [norms], deadFractions: norms.map { _ in 0 },
              saturatedFractions: norms.map { _ in nil }, history: History(history: [:], seconds: []))
    }

    @Test func depthGradientRatiosBackOrContradictSaturation() {
        // Three hidden layers and an output: the ratio is layer 1 over layer 3.
        let vanishing = DepthLab.figures(runs: [Self.depthRun("sigmoid", norms: [0.001, 0.01, 0.1, 1]),
                                                Self.depthRun("tanh", norms: [0.01, 0.05, 0.2, 1]),
                                                Self.depthRun("relu", norms: [0.5, 0.5, 0.5, 1])], testImages: 100)
        #expect(vanishing["depth/gradient_ratio/sigmoid"] == 0.01)
        let s = Self.statement("saturation", Self.evidence(vanishing))
        #expect(s.finding.verdict == .backed, "\(s.text)")
        #expect(s.finding.detail.contains("layer-1 / layer-3"))
        #expect(Self.statement("deep-network", Self.evidence(vanishing), depth: 10).finding.verdict == .backed)
        let flat = DepthLab.figures(runs: [Self.depthRun("sigmoid", norms: [0.6, 0.5, 0.5, 1]),
                                           Self.depthRun("relu", norms: [0.5, 0.5, 0.5, 1])], testImages: 100)
        #expect(Self.statement("saturation", Self.evidence(flat)).finding.verdict == .contradicted)
        let mixed = DepthLab.figures(runs: [Self.depthRun("sigmoid", norms: [0.001, 0.01, 0.1, 1]),
                                            Self.depthRun("tanh", norms: [2, 1, 0.5, 1]),
                                            Self.depthRun("relu", norms: [0.5, 0.5, 0.5, 1])], testImages: 100)
        let partly = Self.statement("saturation", Self.evidence(mixed)).finding
        #expect(partly.verdict == .inconclusive)
        #expect(partly.detail.contains("vanishing for sigmoid, not for tanh"), "\(partly.detail)")
    }
}
