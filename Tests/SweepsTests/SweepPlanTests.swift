import Foundation
import Testing
@testable import Sweeps

/// Plans expand to every activation x grid combination x seed, in a fixed order, with ids that
/// depend on the configuration alone.
@Suite struct SweepPlanTests {
    @Test func expansionCountsAndOrder() throws {
        let plan = try SweepPlan(SweepFiles.parse(#"{"task": "synthetic", "activations": ["relu", "tanh"], "seeds": [5, 6, 7, 8], "grid": {"learning_rate": [0.001, 0.01, 0.1], "batch_size": [10, 20], "epochs": 3}}"#))
        #expect(plan.runs.count == 2 * 3 * 2 * 4)
        #expect(Set(plan.runs.map(\.id)).count == plan.runs.count)
        #expect(plan.varied == ["batch_size", "learning_rate"])
        // Activations outermost, parameters by name (batch_size before learning_rate), seeds innermost.
        #expect(plan.runs[0...4].map(\.seed) == [5, 6, 7, 8, 5])
        #expect(plan.runs[0...4].map { $0.parameters["learning_rate"]! } == [.number(0.001), .number(0.001), .number(0.001), .number(0.001), .number(0.01)])
        #expect(plan.runs[12].parameters["batch_size"] == .number(20))
        #expect(plan.runs[23].activation.name == "relu")
        #expect(plan.runs[24].activation.name == "tanh")
        // Parameters not in the grid take the task's defaults; given ones everywhere.
        #expect(plan.runs.allSatisfy { $0.parameters["units"] == .number(64) && $0.parameters["epochs"] == .number(3) })
        #expect(plan.label(plan.runs[0]) == "relu batch_size=10 learning_rate=0.001 seed=5")
    }

    /// Golden: the canonical text written out by hand, and its SHA-256 from `sha256sum`.
    @Test func idsAreGolden() throws {
        let run = SweepRun(task: "synthetic", model: "mlp", activation: try SweepActivation(name: "leaky_relu", parameters: ["alpha": 0.1]), seed: 7,
                           parameters: ["batch_size": .number(10), "epochs": .number(50), "features": .number(20), "learning_rate": .number(0.01),
                                        "samples": .number(1000), "units": .number(64), "validation_split": .number(0.2)])
        #expect(run.canonicalEncoding == #"{"activation":{"name":"leaky_relu","parameters":{"alpha":0.1}},"model":"mlp","parameters":{"batch_size":10,"epochs":50,"features":20,"learning_rate":0.01,"samples":1000,"units":64,"validation_split":0.2},"seed":7,"task":"synthetic","version":1}"#)
        #expect(run.id == "a3dfa7effb02f136")
        let plan = try SweepPlan(SweepFiles.parse(#"{"task": "synthetic", "activations": [{"name": "leaky_relu", "parameters": {"alpha": 0.1}}], "seeds": [7], "grid": {"learning_rate": 0.01}}"#))
        #expect(plan.runs.map(\.id) == ["a3dfa7effb02f136"])
        let fit = try SweepPlan(SweepFiles.parse(#"{"task": "curve-fit", "activations": ["relu"]}"#))
        #expect(fit.runs.map(\.id) == ["b0907ed7553acdf5"])
    }

    @Test func idsIgnoreKeyOrderSpacingAndAliases() throws {
        let a = try SweepPlan(SweepFiles.parse(#"{"task": "synthetic", "activations": ["swish", {"name": "leaky_relu", "parameters": {"alpha": 0.1}}], "seeds": 2, "grid": {"units": [8, 16], "learning_rate": 0.01}}"#))
        let b = try SweepPlan(SweepFiles.parse("""
            {
              "grid": { "learning_rate": [1e-2], "units": [8.0, 16] },
              "seeds": [0, 1],
              "activations": ["silu", {"parameters": {"alpha": 0.1}, "name": "leaky_relu"}],
              "task": "synthetic"
            }
            """))
        #expect(a.runs.map(\.id) == b.runs.map(\.id))
        // A different value is a different run.
        let c = try SweepPlan(SweepFiles.parse(#"{"task": "synthetic", "activations": ["silu", {"name": "leaky_relu", "parameters": {"alpha": 0.2}}], "seeds": 2, "grid": {"units": [8, 16], "learning_rate": 0.01}}"#))
        #expect(Set(a.runs.map(\.id)).intersection(c.runs.map(\.id)).count == 4)
    }

    @Test func runIndexOutOfRange() throws {
        let plan = try SweepPlan(SweepFiles.parse(#"{"task": "curve-fit", "activations": ["relu"], "seeds": 3}"#))
        #expect(throws: SweepError("run index 3 is out of range; this sweep has runs 0 to 2")) { try plan.run(at: 3) }
    }
}
