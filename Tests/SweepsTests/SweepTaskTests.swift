import Experiments
import Foundation
import Testing
@testable import Sweeps

/// Every built-in task runs on tiny settings, gives the same numbers twice, and where an
/// experiment trains the same network its numbers are the experiment's.
@Suite struct SweepTaskTests {
    static let mnist = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/mnist").path
    static let context = SweepContext(dataFolders: ["mnist": mnist])

    static func measure(_ text: String) throws -> [SweepMeasurement] {
        let plan = try SweepPlan(SweepFiles.parse(text))
        return try plan.runs.map { run in try SweepTasks.named(plan.task)!.run(run, context: context) }
    }

    @Test(arguments: [
        #"{"task": "synthetic", "activations": ["elu"], "grid": {"epochs": 2, "samples": 100, "units": 4}}"#,
        #"{"task": "curve-fit", "activations": ["tanh"], "grid": {"epochs": 5, "points": 20}}"#,
        #"{"task": "mnist-mlp", "activations": ["relu"], "grid": {"epochs": 1, "units": 8, "train_samples": 200, "test_samples": 100}}"#,
        #"{"task": "deep-mlp", "activations": ["selu"], "grid": {"epochs": 1, "units": 8, "depth": 3, "train_samples": 200, "test_samples": 100}}"#,
        #"{"task": "digits-cnn", "activations": [{"name": "leaky_relu", "parameters": {"alpha": 0.1}}], "grid": {"epochs": 1, "train_samples": 64, "test_samples": 32}}"#,
    ])
    func builtInTasksRunAndRepeat(text: String) throws {
        let plan = try SweepPlan(SweepFiles.parse(text))
        let task = try #require(SweepTasks.named(plan.task))
        let first = try Self.measure(text), second = try Self.measure(text)
        #expect(first == second)
        for m in task.metrics where !(plan.task == "curve-fit" && m == "dead_units") {
            #expect(first[0].metrics[m]?.isFinite == true, "\(plan.task) \(m): \(String(describing: first[0].metrics[m]))")
        }
    }

    @Test func syntheticTaskIsExperimentB() throws {
        let m = try Self.measure(#"{"task": "synthetic", "activations": ["tanh"], "seeds": [3], "grid": {"epochs": 3, "samples": 200, "units": 8}}"#)[0]
        var c = SyntheticComparison.Configuration()
        (c.activations, c.seeds, c.epochs, c.samples, c.hiddenUnits) = (["tanh"], [3], 3, 200, 8)
        let run = try SyntheticComparison(configuration: c).run().runs[0]
        #expect(m.metrics["test_accuracy"] == run.testAccuracy)
        #expect(m.metrics["test_loss"] == run.testLoss)
        #expect(m.metrics["final_val_accuracy"] == run.finalValidationAccuracy)
    }

    @Test func curveFitTaskIsExperimentC() throws {
        let m = try Self.measure(#"{"task": "curve-fit", "activations": ["relu"], "seeds": [4], "grid": {"epochs": 30, "target": "sin"}}"#)[0]
        var c = CurveFit.Configuration()
        (c.activations, c.seed, c.seeds, c.epochs, c.target) = (["relu"], 4, 1, 30, "sin")
        let run = try CurveFit(configuration: c).run().runs[0]
        #expect(m.metrics["final_mse"] == run.finalMSE)
        #expect(m.metrics["dead_units"] == run.deadUnits.map(Double.init))
    }

    @Test func mnistTasksNeedTheirData() throws {
        let plan = try SweepPlan(SweepFiles.parse(#"{"task": "mnist-mlp", "activations": ["relu"]}"#))
        #expect(throws: SweepError("no mnist data folder given")) { try MNISTMLPTask.run(plan.runs[0], context: SweepContext()) }
    }
}
