import Datasets
import Layers
import Tensors
import Testing
@testable import Experiments

/// Bad sizes and rates are refused before anything is allocated; a cancelled comparison keeps what finished.
@Suite struct ComparisonLimitsTests {
    static let tiny = Result { try MNIST.load(directory: SharedMNIST.directory, limitTrain: 300, limitTest: 100) }

    func comparison(_ change: (inout ActivationComparison.Configuration) -> Void) -> ActivationComparison {
        var c = ActivationComparison.Configuration()
        c.activations = ["relu", "tanh", "sigmoid"]
        c.depths = [1]
        c.hiddenUnits = 8
        c.epochs = 1
        change(&c)
        return ActivationComparison(configuration: c)
    }

    @Test func parameterCountMatchesTheBuiltNetwork() throws {
        for (units, depth) in [(512, 1), (512, 6), (3, 4), (1, 1)] {
            let model = try MLP.make(hiddenUnits: units, depth: depth, activation: .relu)
            try model.build()
            #expect(MLP.parameterCount(hiddenUnits: units, depth: depth) == model.parameterCount, "\(units) x \(depth)")
        }
        #expect(MLP.parameterCount(hiddenUnits: Int.max, depth: 1) == nil)
        #expect(MLP.parameterCount(hiddenUnits: 1 << 31, depth: 1 << 10) == nil)
    }

    @Test func oversizedNetworksAreRefusedBeforeBuilding() throws {
        #expect(throws: SizeError.self) { try MLP.checkMemory(hiddenUnits: 1_000_000_000, depth: 1) }
        #expect(throws: SizeError.self) { try MLP.checkMemory(hiddenUnits: Int.max, depth: 1) }
        #expect(throws: SizeError.self) { try MLP.checkMemory(hiddenUnits: 512, depth: 1, batchSize: Int.max) }
        #expect(throws: Never.self) { try MLP.checkMemory(hiddenUnits: 512, depth: 6, batchSize: 60_000) }
        #expect(throws: SizeError.self) { try comparison { $0.hiddenUnits = 1_000_000_000 }.validate() }
    }

    @Test func learningRatesAFloatCannotHoldAreRefused() throws {
        for (rate, message) in [(Double.infinity, "positive finite"), (.nan, "positive finite"), (-1, "positive finite"),
                                (0, "positive finite"), (1e40, "too large for 32-bit"), (1e-50, "rounds to 0")] {
            do {
                try comparison { $0.learningRate = rate }.validate()
                Issue.record("\(rate) accepted")
            } catch {
                #expect("\(error)".contains(message), "\(rate): \(error)")
            }
            #expect(throws: LayerError.self) { try Optimizers.validatedLearningRate(rate) }
        }
        #expect(throws: LayerError.self) { try Optimizers.named("adam", learningRate: .infinity) }
        #expect(throws: LayerError.self) { try Optimizers.named("sgd", learningRate: 0) }
        #expect(try Optimizers.validatedLearningRate(1e-3) == Float(1e-3))
    }

    @Test func noDepthsIsNamed() {
        do {
            try comparison { $0.depths = [] }.validate()
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "no depths given")
        }
    }

    /// A cancelled comparison starts no further run and returns the finished ones.
    @Test func cancellationStopsBetweenRuns() throws {
        let data = try Self.tiny.get()
        let token = CancellationToken()
        var started = [String]()
        let runs = try comparison { _ in }.run(data: data, cancellation: token,
                                               onRunStart: { name, _ in started.append(name) },
                                               onModelTrained: { _, _ in token.cancel() })
        #expect(runs.map(\.activation) == ["relu"])
        #expect(started == ["relu"])
        #expect(try comparison { _ in }.run(data: data, cancellation: token).isEmpty)
    }

    /// As in Keras, a batch larger than the data is the whole data: one step per epoch.
    @Test func aHugeBatchTakesTheWholeSet() throws {
        let data = try Self.tiny.get()
        let runs = try comparison { $0.activations = ["relu"]; $0.batchSize = Int.max }.run(data: data)
        #expect(runs.count == 1)
        #expect(runs[0].history.epochs == 1)
    }
}
