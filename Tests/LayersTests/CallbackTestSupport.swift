import Activations
import Foundation
import Tensors
@testable import Layers

/// A tiny trainable model and data for callback tests: 8 rows, 2 inputs, 2 classes.
enum Tiny {
    static let x = Tensor(shape: [8, 2], scalars: [1, 0, 0, 1, 2, 0, 0, 2, 1, 1, 3, 0, 0, 3, 2, 2])
    static let y = Tensor(shape: [8, 2], scalars: [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1])

    static func model(learningRate: Float = 0.1) throws -> Sequential {
        let m = Sequential(seed: 1) {
            Dense(3, activation: Tanh(), inputShape: [2])
            Dense(2, activation: Softmax())
        }
        try m.compile(optimizer: SGD(learningRate: learningRate), loss: CategoricalCrossEntropy())
        return m
    }

    /// A callback that replaces `key` in each epoch's logs with `values[epoch]`, to drive a monitor.
    static func inject(_ key: String, _ values: [Double]) -> LambdaCallback {
        LambdaCallback(onEpochEnd: { epoch, logs in logs[key] = values[epoch] })
    }

    /// A callback that keeps the weights as they are at the end of every epoch.
    final class WeightLog: Callback {
        var perEpoch: [[[Float]]] = []
        private var model: Sequential?
        func onTrainBegin(model: Sequential, parameters: TrainingParameters) { self.model = model }
        func onEpochEnd(_ epoch: Int, logs: inout Logs) { perEpoch.append(model!.weights.map(\.scalars)) }
    }

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "actlab-callbacks-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
