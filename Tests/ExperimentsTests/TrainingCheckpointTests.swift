import Datasets
import Foundation
import Testing
import Tensors
@testable import Experiments
@testable import Layers

/// A run killed after its epoch-2 checkpoint and resumed from the files ends with exactly the
/// weights and history values of 4 epochs straight.
@Suite struct TrainingCheckpointTests {
    struct Killed: Error {}
    /// Stands for a kill: aborts training as epoch `at` begins.
    final class Kill: Callback {
        let at: Int
        init(at: Int) { self.at = at }
        func onEpochBegin(_ epoch: Int) throws { if epoch == at { throw Killed() } }
    }

    static func model() -> Sequential {
        Sequential(name: "small", seed: 4) {
            Dense(24, activation: .relu, inputShape: [784])
            Dropout(0.25)
            Dense(10, activation: .softmax)
        }
    }

    @Test func killedAndResumedEqualsStraight() throws {
        let data = try SharedMNIST.subset()
        let (x, labels) = (data.trainImages.rows(0..<120), Array(data.trainLabels[0..<120]))
        var c = ImageClassifierTraining.Configuration()
        c.epochs = 4
        c.batchSize = 16
        c.seed = 4
        c.holdOut = .testSize(0.25)
        let straightModel = Self.model()
        let straight = try ImageClassifierTraining(configuration: c).run(model: straightModel, images: x, labels: labels)

        let folder = NSTemporaryDirectory() + "actlab-checkpoint-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var k = c
        k.checkpointEvery = 2
        k.checkpointFolder = folder + "/checkpoint"
        #expect(throws: Killed.self) {
            try ImageClassifierTraining(configuration: k).run(model: Self.model(), images: x, labels: labels, callbacks: [Kill(at: 3)])
        }
        let checkpoint = try TrainingCheckpoint.load(from: folder + "/checkpoint")
        #expect(checkpoint.state.epoch == 2 && checkpoint.state.history.epochs == 2)
        let resumed = try ImageClassifierTraining(configuration: k).run(model: checkpoint.model, images: x, labels: labels, resume: checkpoint)
        #expect(checkpoint.model.weights.map(\.scalars) == straightModel.weights.map(\.scalars))
        for key in ["loss", "accuracy", "val_loss", "val_accuracy"] {
            #expect(resumed.history[key] == straight.history[key], "\(key)")
        }

        var other = k
        other.seed = 5
        #expect(throws: ExperimentError.self) {
            try ImageClassifierTraining(configuration: other).run(model: checkpoint.model, images: x, labels: labels, resume: checkpoint)
        }
    }
}
