import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// The tiny-network trainer must be `Sequential.fit` made fast, not a different algorithm:
/// the same seed gives the same weights.
@Suite struct TinyDenseTrainerTests {
    /// The curve-fit task: 100 points on [0, 2 pi], y = cos(x) + 1.
    static let x: [Float] = (0..<100).map { Float(Double($0) * 2 * Double.pi / 99) }
    static let y: [Float] = x.map { cos($0) + 1 }

    static func general(_ activation: any ActivationFunction, seed: UInt64, epochs: Int) throws -> [[Float]] {
        let model = Sequential(seed: seed) {
            Dense(2, activation: activation, inputShape: [1])
            Dense(1)
        }
        try model.compile(optimizer: Adam(learningRate: 0.04), loss: MeanSquaredError())
        try model.fit(x: Tensor(shape: [100, 1], scalars: x), y: Tensor(shape: [100, 1], scalars: y), epochs: epochs, batchSize: 32)
        return model.weights.map(\.scalars)
    }

    static func tiny(_ activation: any ActivationFunction, seed: UInt64, epochs: Int) throws -> [[Float]] {
        let trainer = try TinyDenseTrainer(inputs: 1, layers: [.init(units: 2, activation: activation), .init(units: 1)], seed: seed)
        try trainer.fit(x: x, y: y, epochs: epochs, batchSize: 32, optimizer: Adam(learningRate: 0.04))
        return [trainer.kernels[0], trainer.biases[0], trainer.kernels[1], trainer.biases[1]]
    }

    @Test(arguments: ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "swish", "elu", "x*tanh(x)"], [UInt64(0), 7, 42])
    func sameWeightsAsSequentialFit(_ name: String, _ seed: UInt64) throws {
        let activation = try Activation.named(name)
        let expected = try Self.general(activation, seed: seed, epochs: 300)
        let actual = try Self.tiny(activation, seed: seed, epochs: 300)
        #expect(expected.map(\.count) == actual.map(\.count))
        for (e, a) in zip(expected.joined(), actual.joined()) {
            #expect(abs(e - a) <= 1e-5 * max(1, abs(e)), "\(name), seed \(seed): \(expected) vs \(actual)")
        }
    }

    @Test func initialWeightsAreGlorotFromTheModelsGenerator() throws {
        let model = Sequential(seed: 5) { Dense(3, activation: ReLU(), inputShape: [2]); Dense(4) }
        try model.build()
        let trainer = try TinyDenseTrainer(inputs: 2, layers: [.init(units: 3, activation: ReLU()), .init(units: 4)], seed: 5)
        #expect(model.weights.map(\.scalars) == [trainer.kernels[0], trainer.biases[0], trainer.kernels[1], trainer.biases[1]])
    }

    @Test func lossHistoryMatchesFit() throws {
        let model = Sequential(seed: 3) { Dense(2, activation: Tanh(), inputShape: [1]); Dense(1) }
        try model.compile(optimizer: Adam(learningRate: 0.04), loss: MeanSquaredError())
        let history = try model.fit(x: Tensor(shape: [100, 1], scalars: Self.x), y: Tensor(shape: [100, 1], scalars: Self.y), epochs: 20)
        let trainer = try TinyDenseTrainer(inputs: 1, layers: [.init(units: 2, activation: Tanh()), .init(units: 1)], seed: 3)
        let losses = try trainer.fit(x: Self.x, y: Self.y, epochs: 20, optimizer: Adam(learningRate: 0.04))
        for (e, a) in zip(history["loss"], losses) { #expect(abs(e - a) <= 1e-6 * max(1, e)) }
        #expect(losses.count == 20)
    }

    @Test func predictionsAndHiddenOutputsMatchTheModel() throws {
        let model = Sequential(seed: 4) { Dense(2, activation: Tanh(), inputShape: [1]); Dense(1) }
        try model.compile(optimizer: Adam(learningRate: 0.04), loss: MeanSquaredError())
        try model.fit(x: Tensor(shape: [100, 1], scalars: Self.x), y: Tensor(shape: [100, 1], scalars: Self.y), epochs: 10)
        let trainer = try TinyDenseTrainer(inputs: 1, layers: [.init(units: 2, activation: Tanh()), .init(units: 1)], seed: 4)
        try trainer.fit(x: Self.x, y: Self.y, epochs: 10, optimizer: Adam(learningRate: 0.04))
        let expected = try model.predict(Tensor(shape: [100, 1], scalars: Self.x)).scalars
        for (e, a) in zip(expected, trainer.predict(Self.x)) { #expect(abs(e - a) <= 1e-5) }
        let outputs = trainer.layerOutputs(Self.x), pre = trainer.preActivations(Self.x)
        #expect(outputs.map(\.count) == [100, 200, 100] && pre.map(\.count) == [200, 100])
        #expect(zip(pre[0], outputs[1]).allSatisfy { tanh($0) == $1 || abs(tanh($0) - $1) < 1e-6 })
    }

    @Test func refusesWhatItCannotTrainLikeFit() throws {
        #expect(!TinyDenseTrainer.supports(Softmax()))
        #expect(!TinyDenseTrainer.supports(try Activation.named("rrelu")))
        #expect(TinyDenseTrainer.supports(ReLU()))
        #expect(throws: LayerError.self) { try TinyDenseTrainer(inputs: 1, layers: [.init(units: 2, activation: Softmax())], seed: 0) }
        #expect(throws: LayerError.self) { try TinyDenseTrainer(inputs: 1, layers: [.init(units: 1_000)], seed: 0).fit(x: [1, 2], y: [1], epochs: 1, optimizer: Adam()) }
    }
}
