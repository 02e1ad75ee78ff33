import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

@Suite struct TerminateOnNaNTests {
    /// Rows 0-3 are zeros; rows 4-5 hold 1e20, which times a 1e20 kernel overflows Float in the
    /// first layer. Without shuffling, batches of 2 reach those rows in batch 3 of epoch 1.
    static func overflowing() throws -> (Sequential, Tensor, Tensor) {
        let model = Sequential(seed: 1) {
            Dense(3, inputShape: [2])
            Dense(2, activation: Softmax())
        }
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: CategoricalCrossEntropy())
        try model.setWeights([[Float](repeating: 1e20, count: 6), [0, 0, 0], [1, -1, 0.5, 0.5, -1, 1], [0, 0]])
        let x = Tensor(shape: [6, 2], scalars: [0, 0, 0, 0, 0, 0, 0, 0, 1e20, 1e20, 1e20, 1e20])
        let y = Tensor(shape: [6, 2], scalars: [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1])
        return (model, x, y)
    }

    @Test func namesEpochBatchAndLayerAndRestoresFiniteWeights() throws {
        let (model, x, y) = try Self.overflowing()
        var beforeBatch = [[Float]]()
        let watch = LambdaCallback(onBatchBegin: { _ in beforeBatch = model.weights.map(\.scalars) })
        let guardNaN = TerminateOnNaN()
        var thrown: Error?
        do {
            try model.fit(x: x, y: y, epochs: 3, batchSize: 2, shuffle: false, callbacks: [watch, guardNaN])
        } catch { thrown = error }
        let expected = TrainingError.nonFinite(epoch: 1, batch: 3, layer: "dense", detail: "output went non-finite (inf at row 0, column 0)")
        #expect(thrown as? TrainingError == expected)
        #expect(guardNaN.reason == expected)
        #expect("\(expected)" == "training stopped at epoch 1, batch 3: layer 'dense' output went non-finite (inf at row 0, column 0); the weights were restored to the last finite state")
        #expect(model.weights.map(\.scalars) == beforeBatch)
        #expect(model.weights.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
    }

    /// A finite first layer feeding a huge second kernel: the second layer is named.
    @Test func findsTheFirstLayerAtFault() throws {
        let model = Sequential(seed: 1) {
            Dense(2, inputShape: [2])
            Dense(1)
        }
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        try model.setWeights([[1, 0, 0, 1], [0, 0], [3e38, 3e38], [0]])
        let x = Tensor(shape: [2, 2], scalars: [10, 0, 0, 10])
        let y = Tensor(shape: [2, 1], scalars: [1, 0])
        let text = errorMessage { try model.fit(x: x, y: y, epochs: 2, batchSize: 2, callbacks: [TerminateOnNaN()]) }
        #expect(text.hasPrefix("training stopped at epoch 1, batch 1: layer 'dense_1' output went non-finite (inf at row 0, column 0)"), "\(text)")
    }

    /// A finite loss whose update sends weights to infinity is caught at the same batch.
    @Test func catchesWeightsBrokenByTheUpdate() throws {
        let model = Sequential(seed: 1) { Dense(1, inputShape: [1]) }
        try model.compile(optimizer: SGD(learningRate: 1e30), loss: MeanSquaredError())
        try model.setWeights([[1], [0]])
        let x = Tensor(shape: [1, 1], scalars: [1e10]), y = Tensor(shape: [1, 1], scalars: [0])
        let guardNaN = TerminateOnNaN()
        #expect(throws: TrainingError.self) { try model.fit(x: x, y: y, epochs: 1, callbacks: [guardNaN]) }
        #expect(model.weights.map(\.scalars) == [[1], [0]])
        #expect(guardNaN.reason.map { "\($0)" }?.contains("batch 1") == true)
    }

    /// The cheap mode: the epoch's starting weights come back, and the layer is still named.
    @Test func epochSnapshotRestoresTheEpochStartAndNamesTheLayer() throws {
        let (model, x, y) = try Self.overflowing()
        let start = model.weights.map(\.scalars)
        let guardNaN = TerminateOnNaN(snapshot: .everyEpoch)
        var thrown: Error?
        do {
            try model.fit(x: x, y: y, epochs: 3, batchSize: 2, shuffle: false, callbacks: [guardNaN])
        } catch { thrown = error }
        let text = "\(try #require(thrown as? TrainingError))"
        #expect(text.hasPrefix("training stopped at epoch 1, batch 3: layer 'dense' "), "\(text)")
        #expect(model.weights.map(\.scalars) == start)
    }
}
