import Foundation
import Layers
import Testing
@testable import Experiments

@Suite struct SyntheticComparisonTests {
    private func small(_ activations: [String], epochs: Int, seeds: [UInt64]) -> SyntheticComparison.Configuration {
        var c = SyntheticComparison.Configuration()
        c.activations = activations
        c.samples = 300
        c.epochs = epochs
        c.batchSize = 20
        c.seeds = seeds
        c.learningRate = 0.01
        return c
    }

    @Test func theArticlesSettingsAreTheDefaults() {
        let c = SyntheticComparison.Configuration()
        #expect(c.activations == ["relu", "sigmoid", "tanh", "softmax", "linear", "elu", "swish"])
        #expect(c.samples == 1000 && c.features == 20 && c.dataSeed == 42 && c.splitSeed == 42 && c.testFraction == 0.2)
        #expect(c.hiddenUnits == 64 && c.epochs == 50 && c.batchSize == 10 && c.validationSplit == 0.2)
    }

    @Test func splitIsEightyTwentyAndReproducible() throws {
        let e = SyntheticComparison(configuration: SyntheticComparison.Configuration())
        let a = try e.data(), b = try e.data()
        #expect(a.train.x.shape == [800, 20] && a.test.x.shape == [200, 20] && a.test.y.shape == [200, 1])
        #expect(a.train.x.scalars == b.train.x.scalars && a.test.y.scalars == b.test.y.scalars)
    }

    @Test func trainsEverySeedReproduciblyWhateverTheScheduling() throws {
        let e = SyntheticComparison(configuration: small(["relu", "tanh"], epochs: 5, seeds: [0, 1, 2]))
        let first = try e.run(), second = try e.run()
        #expect(first.runs.map { "\($0.activation)\($0.seed)" } == ["relu0", "relu1", "relu2", "tanh0", "tanh1", "tanh2"])
        #expect(first.runs.map(\.testAccuracy) == second.runs.map(\.testAccuracy))
        #expect(first.runs.map { $0.history["val_accuracy"] } == second.runs.map { $0.history["val_accuracy"] })
        // Different seeds train different models.
        #expect(Set(first.runs.filter { $0.activation == "relu" }.map { $0.history["loss"] }).count == 3)
        // A non-linear network learns the task well beyond chance in a few epochs.
        #expect(first.runs.allSatisfy { $0.testAccuracy > 0.7 }, "\(first.runs.map(\.testAccuracy))")
        let statistics = try #require(first.statistics)
        #expect(statistics.groups[0].summary == Statistics.summary(first.runs.prefix(3).map(\.testAccuracy)))
        #expect(statistics.verdicts.count == 1)
        #expect(first.meanValidationAccuracy("tanh").count == 5)
        #expect(first.figures["relu.test_accuracy"] == statistics.groups[0].summary.mean)
        #expect(first.figures["tanh.test_accuracy_std"] == statistics.groups[1].summary.standardDeviation)
    }

    @Test func cancellationKeepsOnlyFinishedRuns() throws {
        let token = CancellationToken()
        token.cancel()
        let results = try SyntheticComparison(configuration: small(["relu"], epochs: 2, seeds: [0, 1])).run(cancellation: token)
        #expect(results.runs.isEmpty)
    }

    @Test func badConfigurationsAreNamed() {
        var c = small(["relux"], epochs: 1, seeds: [0])
        #expect(throws: (any Error).self) { try SyntheticComparison(configuration: c).validate() }
        c.activations = ["relu"]
        c.seeds = []
        #expect { try SyntheticComparison(configuration: c).validate() } throws: { "\($0)" == "no seeds given" }
        c.seeds = [0]
        c.testFraction = 1
        #expect { try SyntheticComparison(configuration: c).validate() } throws: { "\($0)".contains("test fraction") }
    }
}
