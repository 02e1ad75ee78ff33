import Experiments
import Foundation
import Layers

/// Experiment C: Dense(units, A) -> Dense(1) fitted to a curve on [0, 2 pi] with Adam and MSE.
public enum CurveFitTask: SweepTask {
    public static let id = "curve-fit"
    public static let summary = "1-N-1 network fitting a curve on [0, 2 pi] (experiment C)"
    public static let models = ["dense-1-n-1"]
    public static let metrics = ["final_mse", "dead_units"]
    public static var higherIsBetter: Bool { false }

    public static let parameters: [SweepParameter] = [
        SweepParameter("target", .text({ _ = try CurveTarget($0) }), default: .text("cos"),
                       help: "cos, sin, abs, step or an expression of x"),
        SweepParameter("points", .whole(2...100_000), default: .number(100), help: "evenly spaced points"),
        SweepParameter("units", .whole(1...1_000), default: .number(2), help: "hidden units"),
        SweepParameter("epochs", .whole(1...100_000), default: .number(300), help: "training epochs"),
        SweepParameter("batch_size", .whole(1...100_000), default: .number(32), help: "mini-batch size"),
        SweepParameter("learning_rate", .positive(upTo: 10), default: .number(0.04), help: "Adam's learning rate"),
    ]

    public static func validate(_ run: SweepRun) throws {
        let target = try CurveTarget(run.text("target"))
        _ = try target.values(at: xs(run.whole("points")))
        try run.activation.function().validateColumns(run.whole("units"))
    }

    public static func isSmall(_ run: SweepRun) -> Bool { true }

    public static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        if context.cancellation?.isCancelled == true { throw SweepCancelled() }
        var c = CurveFit.Configuration()
        c.target = run.text("target")
        c.points = run.whole("points")
        c.units = run.whole("units")
        c.epochs = run.whole("epochs")
        c.batchSize = min(run.whole("batch_size"), c.points)
        c.learningRate = Float(run.number("learning_rate"))
        let x = xs(c.points)
        let y = try CurveTarget(c.target).values(at: x)
        let fit = try CurveFit.train(try run.activation.function(), name: run.activation.description, seed: run.seed,
                                     x: x.map(Float.init), y: y.map(Float.init), configuration: c)
        var metrics = ["final_mse": fit.finalMSE]
        if let dead = fit.deadUnits { metrics["dead_units"] = Double(dead) }
        return SweepMeasurement(metrics: metrics)
    }

    /// NumPy's linspace(0, 2 pi, points), as experiment C samples it.
    static func xs(_ points: Int) -> [Double] {
        (0..<points).map { Double($0) * 2 * Double.pi / Double(points - 1) }
    }
}
