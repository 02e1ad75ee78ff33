import Activations
import Foundation
import Testing
@testable import Experiments
@testable import Layers

@Suite struct CurveFitTests {
    static func run(_ kernel: [Float], _ bias: [Float], activation: String = "relu") -> CurveFit.Run {
        .init(activation: activation, seed: 0, finalMSE: 0, deadUnits: nil, hiddenKernel: kernel, hiddenBias: bias,
              outputKernel: [2, -1], outputBias: [0.5], trainer: "tiny")
    }

    static let xs = (0..<100).map { Double($0) * 2 * Double.pi / 99 }

    /// Unit 1 has z = -x - 1 < 0 on all of [0, 2 pi]: relu outputs zero there, so it is dead;
    /// unit 2 (z = x - 3) is active on half the points. Leaky relu keeps both alive.
    @Test func countsDeadUnitsOnAConstructedNetwork() {
        let r = Self.run([-1, 1], [-1, -3])
        #expect(CurveFit.curves(of: r, activation: ReLU(), at: Self.xs).deadUnits == 1)
        #expect(CurveFit.curves(of: r, activation: LeakyReLU(), at: Self.xs).deadUnits == 0)
        #expect(CurveFit.curves(of: Self.run([-1, -1], [-1, -3]), activation: ReLU(), at: Self.xs).deadUnits == 2)
        #expect(CurveFit.curves(of: Self.run([1, 1], [0.5, 0.5]), activation: ReLU(), at: Self.xs).deadUnits == 0)
        // Tanh saturates but never has a zero derivative: not dead.
        #expect(CurveFit.curves(of: Self.run([-30, 1], [-1, -3]), activation: Tanh(), at: Self.xs).deadUnits == 0)
    }

    /// The fit is the weighted units plus the output bias, computed by hand.
    @Test func curvesAreTheSumOfWeightedUnits() {
        let r = Self.run([-1, 1], [-1, -3])
        let c = CurveFit.curves(of: r, activation: ReLU(), at: [0, 4])
        #expect(c.units[0] == [0, 0])
        #expect(c.units[1] == [0, -1])   // -1 * relu(4 - 3)
        #expect(c.fit == [0.5, -0.5])
    }

    @Test func experimentCTableShowsTheArticlesStory() throws {
        var c = CurveFit.Configuration()
        c.activations = ["linear", "relu", "leaky_relu", "tanh"]
        c.seeds = 8
        let results = try CurveFit(configuration: c).run()
        #expect(results.runs.count == 32 && results.complete)
        let s = Dictionary(uniqueKeysWithValues: results.summaries.map { ($0.activation, $0) })
        // A line cannot follow cos(x) + 1: its best MSE is about 0.5 (the variance of cos over a period).
        #expect(s["linear"]!.minimumMSE > 0.4 && s["linear"]!.runsBelowThreshold == 0)
        #expect(s["linear"]!.runsWithDeadUnit == 0 && s["leaky_relu"]!.runsWithDeadUnit == 0)
        #expect(s["relu"]!.runsWithDeadUnit! > 0, "\(s["relu"]!)")
        #expect(s["leaky_relu"]!.medianMSE < s["relu"]!.medianMSE)
        // The final MSE stored is the network's MSE over every point, recomputed here.
        let run = results.runs.first { $0.activation == "tanh" }!
        let curves = CurveFit.curves(of: run, activation: Tanh(), at: results.x)
        let mse = zip(curves.fit, results.y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 100
        #expect(abs(mse - run.finalMSE) < 1e-5)
    }

    @Test func seedsAreIndependentOfThreadingAndTrainer() throws {
        var c = CurveFit.Configuration()
        c.activations = ["swish"]
        c.seeds = 4
        c.seed = 11
        let experiment = try CurveFit(configuration: c)
        let a = try experiment.run().runs, b = try experiment.run().runs
        #expect(a == b)
        #expect(a.map(\.seed) == [11, 12, 13, 14])
        let one = try CurveFit.train(SiLU(), name: "swish", seed: 13, x: experiment.x.map(Float.init), y: experiment.y.map(Float.init), configuration: c)
        #expect(one == a[2])
    }

    @Test func targetsByNameAndExpression() throws {
        #expect(try CurveTarget("cos").values(at: [0, Double.pi]) == [2, 0])
        #expect(try CurveTarget("step").values(at: [1, 4]) == [0, 1])
        #expect(abs(try CurveTarget("sin(2*x)").values(at: [Double.pi / 4])[0] - 1) < 1e-12)
        #expect(try CurveTarget("relu").values(at: [-1, 2]) == [0, 2])
        #expect(throws: CurveFitError.self) { try CurveTarget("nonsense(") }
        #expect(throws: CurveFitError.self) { try CurveTarget("1/(x-x)").values(at: [1]) }
    }
}
