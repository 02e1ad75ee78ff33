import Activations
import Datasets
import Testing
@testable import Experiments

@Suite struct ActivationComparisonTests {
    func validationError(_ change: (inout ActivationComparison.Configuration) -> Void) -> String {
        var c = ActivationComparison.Configuration()
        change(&c)
        do { try ActivationComparison(configuration: c).validate() } catch { return "\(error)" }
        return "no error"
    }

    /// Experiment A: four activations at depth 1, linear and sigmoid again at depth 6.
    @Test func defaultRunsAreExperimentA() {
        let runs = ActivationComparison.Configuration().runs
        #expect(runs.map(\.activation) == ["linear", "sigmoid", "tanh", "relu", "linear", "sigmoid"])
        #expect(runs.map(\.depth) == [1, 1, 1, 1, 6, 6])
        var all = ActivationComparison.Configuration()
        all.deepActivations = nil
        #expect(all.runs.count == 8)
        #expect(validationError { _ in } == "no error")
    }

    @Test func onlyTheArticlesSettingsMatchTheArticle() {
        #expect(ActivationComparison.Configuration().matchesArticle)
        var c = ActivationComparison.Configuration()
        c.hiddenUnits = 64
        #expect(!c.matchesArticle)
        c = ActivationComparison.Configuration()
        c.learningRate = 0.01
        #expect(!c.matchesArticle)
        c.learningRate = 0.001
        #expect(c.matchesArticle)
    }

    @Test func unknownActivationSuggestsTheNearestName() {
        let text = validationError { $0.activations = ["relu", "relux"] }
        #expect(text.contains("unknown activation 'relux'"), "\(text)")
        #expect(text.contains("'relu'"))
        #expect(throws: ActivationError.self) {
            try ActivationComparison(configuration: { var c = ActivationComparison.Configuration(); c.activations = ["sigmod"]; return c }()).validate()
        }
    }

    @Test func numbersMustBePositive() {
        #expect(validationError { $0.epochs = 0 }.contains("epochs must be positive, got 0"))
        #expect(validationError { $0.batchSize = 0 }.contains("batch size must be positive, got 0"))
        #expect(validationError { $0.depths = [1, 0] }.contains("depths must be at least 1"))
        #expect(validationError { $0.hiddenUnits = -3 }.contains("hidden units must be positive"))
        #expect(validationError { $0.learningRate = 0 }.contains("learning rate must be a positive finite number"))
        #expect(validationError { $0.optimizer = "adamw" }.contains("unknown optimizer 'adamw'"))
    }

    @Test func emptySelections() {
        #expect(validationError { $0.activations = [] }.contains("no activations"))
        let text = validationError { $0.activations = ["relu"]; $0.depths = [6] }
        #expect(text.contains("no runs"), "\(text)")
    }

    /// A tiny comparison on the shared subset: relu and linear, one hidden layer of 16, one epoch.
    @Test func tinyRunProducesRunsWithHistories() throws {
        let data = try SharedMNIST.subset()
        var c = ActivationComparison.Configuration()
        c.activations = ["relu", "linear"]
        c.depths = [1]
        c.hiddenUnits = 16
        c.epochs = 2
        c.batchSize = 128
        var started = [String]()
        let runs = try ActivationComparison(configuration: c).run(data: data, onRunStart: { name, depth in
            started.append("\(name)/\(depth)")
        })
        #expect(started == ["relu/1", "linear/1"])
        #expect(runs.map(\.activation) == ["relu", "linear"])
        for run in runs {
            // 784 * 16 + 16 + 16 * 10 + 10.
            #expect(run.parameters == 12_730)
            #expect(run.depth == 1)
            #expect(run.history.epochs == 2)
            #expect(run.history["val_accuracy"].count == 2)
            #expect(run.history["val_accuracy"].last == run.testAccuracy)
            #expect(run.testAccuracy > 0.8, "\(run.activation): \(run.testAccuracy)")
            #expect(run.secondsPerEpoch > 0)
        }
        // Not the articles' settings: their figures are not shown beside these runs.
        #expect(runs.allSatisfy { $0.publishedAccuracy == nil })
    }
}
