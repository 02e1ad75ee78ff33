import Testing
import Tensors
@testable import Layers

@Suite struct EarlyStoppingTests {
    /// Keras semantics: best 0.8 at epoch 1; epochs 2 and 3 do not improve; patience 2 stops after epoch 3.
    @Test func stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() throws {
        let model = try Tiny.model()
        let weights = Tiny.WeightLog()
        let stop = EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true)
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 10, batchSize: 4,
                              callbacks: [Tiny.inject("val_loss", [1, 0.8, 0.9, 0.85, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]), weights, stop])
        #expect(h.epochs == 4)
        #expect(stop.stoppedEpoch == 3)
        #expect(stop.bestEpoch == 1)
        #expect(stop.best == 0.8)
        #expect(model.weights.map(\.scalars) == weights.perEpoch[1])
        #expect(model.weights.map(\.scalars) != weights.perEpoch[3])
    }

    @Test func minDeltaModeMaxAndNoRestore() throws {
        let model = try Tiny.model()
        let weights = Tiny.WeightLog()
        // Rises by less than minDelta after epoch 0: no improvement, patience 1 stops at epoch 1.
        let stop = EarlyStopping(monitor: "val_auc_like", minDelta: 0.1, patience: 1, mode: .max)
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 5, batchSize: 4,
                              callbacks: [Tiny.inject("val_auc_like", [0.5, 0.55, 0.9, 1, 1]), weights, stop])
        #expect(h.epochs == 2)
        #expect(model.weights.map(\.scalars) == weights.perEpoch[1], "without restoreBestWeights the last weights stay")
    }

    @Test func autoModeMaximisesAccuracy() throws {
        let model = try Tiny.model()
        let stop = EarlyStopping(monitor: "val_accuracy", patience: 1)
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 5, batchSize: 4,
                              callbacks: [Tiny.inject("val_accuracy", [0.5, 0.6, 0.7, 0.6, 0.9]), stop])
        // Rises until epoch 2, falls at 3: stop there.
        #expect(h.epochs == 4)
        #expect(stop.bestEpoch == 2)
    }

    @Test func baselineMustBeBeatenAndEarlyEpochsCanBeSkipped() throws {
        let model = try Tiny.model()
        // Epoch 0 sets the best but misses the baseline 0.1, so its wait of 1 is not reset and
        // patience 2 runs out at epoch 1; without a baseline it runs out at epoch 2.
        let values: [Double] = [0.9, 0.95, 0.97, 0.99, 1, 1]
        let stop = EarlyStopping(monitor: "loss", patience: 2, baseline: 0.1)
        var h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 6, batchSize: 4, callbacks: [Tiny.inject("loss", values), stop])
        #expect(h.epochs == 2)
        h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 6, batchSize: 4,
                          callbacks: [Tiny.inject("loss", values), EarlyStopping(monitor: "loss", patience: 2)])
        #expect(h.epochs == 3)
        // Epochs before startFromEpoch are ignored: the rising values of epochs 0-2 do not count.
        let late = EarlyStopping(monitor: "loss", patience: 1, startFromEpoch: 3)
        h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 6, batchSize: 4,
                          callbacks: [Tiny.inject("loss", [0.1, 0.2, 0.3, 0.5, 0.6, 0.7]), late])
        #expect(h.epochs == 5)
    }

    @Test func missingMonitorFailsInOneLine() throws {
        let model = try Tiny.model()
        let text = errorMessage { try model.fit(x: Tiny.x, y: Tiny.y, epochs: 2, callbacks: [EarlyStopping()]) }
        #expect(text.contains("EarlyStopping: monitor 'val_loss' is not in the logs; expected one of loss"))
        #expect(text.contains("validationData"))
    }
}
