import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

@Suite struct DiagnosticsTests {
    /// Four rows with positive inputs, so a unit with negative weights and no bias never fires.
    static let x = Tensor(shape: [4, 2], scalars: [1, 2, 2, 1, 3, 1, 0.5, 4])

    static func set(_ p: Parameter, _ values: [Float]) {
        precondition(values.count == p.value.count)
        p.value.pointer.update(from: values, count: values.count)
    }

    /// Runs the diagnostics pass alone (no batch trained) on a built model.
    static func logs(_ model: Sequential, batchSize: Int, maxRows: Int = 10_000) throws -> Logs {
        let d = Diagnostics(sample: x, maxRows: maxRows)
        try d.onTrainBegin(model: model, parameters: TrainingParameters(epochs: 1, steps: 1, samples: 4, batchSize: batchSize))
        try d.onEpochBegin(0)
        var logs = Logs()
        try d.onEpochEnd(0, logs: &logs)
        return logs
    }

    /// relu units: x0 + x1 (always on), -(x0 + x1) (dead on this data), x0 - x1 (on for two rows);
    /// then a sigmoid unit driven to 1.0 by a large weight and one held at 0.5.
    static func constructed() throws -> Sequential {
        let m = Sequential {
            Dense(3, activation: ReLU(), inputShape: [2])
            Dense(2, activation: Sigmoid())
        }
        try m.build()
        let (d0, d1) = (m.layers[0] as! Dense, m.layers[1] as! Dense)
        set(d0.kernel, [1, -1, 1, 1, -1, -1])
        set(d0.bias, [0, 0, 0])
        set(d1.kernel, [10, 0, 0, 0, 0, 0])
        set(d1.bias, [0, 0])
        return m
    }

    @Test(arguments: [1, 3, 4]) func deadUnitsOfAConstructedNetwork(batchSize: Int) throws {
        let logs = try Self.logs(Self.constructed(), batchSize: batchSize)
        #expect(logs["dense/dead_fraction"] == 1.0 / 3)
        // relu outputs by row: [3,0,0] [3,0,1] [4,0,2] [4.5,0,0].
        let outputs: [Double] = [3, 0, 0, 3, 0, 1, 4, 0, 2, 4.5, 0, 0]
        let mean = outputs.reduce(0, +) / 12
        let std = (outputs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 12).squareRoot()
        #expect(abs(logs["dense/activation_mean"]! - mean) < 1e-6)
        #expect(abs(logs["dense/activation_std"]! - std) < 1e-6)
        #expect(logs["dense/saturated_fraction"] == nil, "relu reaches its bound 0: that is dead, not saturated")
        // sigmoid(10 * h0) with h0 >= 3 rounds to 1 in Float: no slope, so dead too, and saturated.
        #expect(logs["dense_1/dead_fraction"] == 0.5)
        #expect(logs["dense_1/saturated_fraction"] == 0.5)
        #expect(abs(logs["dense_1/activation_mean"]! - 0.75) < 1e-6)
        #expect(logs["dense/grad_norm"] == 0 && logs["dense/update_ratio"] == 0, "nothing trained")
    }

    /// Only the first `maxRows` rows are sampled: on the first row alone, x0 - x1 < 0 never fires.
    @Test func sampleIsBounded() throws {
        let logs = try Self.logs(Self.constructed(), batchSize: 4, maxRows: 1)
        #expect(logs["dense/dead_fraction"] == 2.0 / 3)
    }

    /// A stand-alone activation layer is asked through the same capability as Dense.
    @Test func activationLayerAfterALinearDense() throws {
        let m = Sequential {
            Dense(3, inputShape: [2])
            ReLU()
        }
        try m.build()
        let d0 = m.layers[0] as! Dense
        Self.set(d0.kernel, [1, -1, 1, 1, -1, -1])
        Self.set(d0.bias, [0, 0, 0])
        let logs = try Self.logs(m, batchSize: 2)
        #expect(logs["dense/dead_fraction"] == 0, "a linear unit always has slope 1")
        let name = m.layers[1].name
        #expect(logs[name + "/dead_fraction"] == 1.0 / 3)
        #expect(logs[name + "/grad_norm"] == nil, "no parameters, no gradient norm")
    }

    @Test func tanhSaturation() throws {
        let m = Sequential { Dense(2, activation: Tanh(), inputShape: [2]) }
        try m.build()
        let d0 = m.layers[0] as! Dense
        // Unit 0: tanh(x0 + x1) >= tanh(3) = 0.99505, within 1% of the range (0.02) of 1; unit 1: tanh(0.1 x0).
        Self.set(d0.kernel, [1, 0.1, 1, 0])
        Self.set(d0.bias, [0, 0])
        let logs = try Self.logs(m, batchSize: 4)
        #expect(logs["dense/saturated_fraction"] == 0.5)
        #expect(logs["dense/dead_fraction"] == 0)
    }

    /// With plain SGD on one full batch, the update is -lr * gradient: the update ratio is
    /// lr * ‖g‖ / ‖w_start‖ and the gradient norm is that of the stored gradient.
    @Test func gradientNormAndUpdateRatioUnderSGD() throws {
        let m = try Tiny.model(learningRate: 0.1)
        let layer = m.layers[0]
        let start = layer.parameters.map(\.value.scalars)
        let history = try m.fit(x: Tiny.x, y: Tiny.y, epochs: 1, batchSize: 8, shuffle: false,
                                callbacks: [Diagnostics(sample: Tiny.x)])
        let g = layer.parameters.flatMap(\.gradient.scalars).map(Double.init)
        let gradientNorm = g.map { $0 * $0 }.reduce(0, +).squareRoot()
        let startNorm = start.flatMap { $0 }.map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
        #expect(gradientNorm > 0)
        #expect(abs(history["dense/grad_norm"][0] - gradientNorm) <= 1e-6 * gradientNorm)
        #expect(abs(history["dense/update_ratio"][0] - 0.1 * gradientNorm / startNorm) <= 1e-4 * gradientNorm / startNorm)
        #expect(history.keys.contains("dense_1/activation_std"))
    }

    @Test func sampleOfTheWrongWidthIsAnError() throws {
        let m = try Tiny.model()
        #expect(throws: LayerError.self) {
            try m.fit(x: Tiny.x, y: Tiny.y, epochs: 1, callbacks: [Diagnostics(sample: Tensor(zeros: [4, 3]))])
        }
    }
}
