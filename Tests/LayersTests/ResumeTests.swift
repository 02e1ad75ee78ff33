import Testing
import Tensors
@testable import Layers

/// Training stopped after epoch 2 and restored into a fresh model (weights, optimizer slots and
/// step, every generator, the shuffle order) ends with exactly the weights of 4 epochs straight.
@Suite struct ResumeTests {
    static func model() -> Sequential {
        Sequential(name: "resume", seed: 5) {
            Dense(16, activation: .relu, inputShape: [6])
            Dropout(0.3)
            Dense(3, activation: .softmax)
        }
    }

    static func data() -> (Tensor, Tensor) {
        var g = RandomGenerator(seed: 9)
        let x = Tensor(shape: [50, 6], scalars: (0..<300).map { _ in g.uniform(-1, 1) })
        let y = Tensor(zeros: [50, 3])
        for r in 0..<50 { y.buffer[r * 3 + r % 3] = 1 }
        return (x, y)
    }

    @Test(arguments: ["adam", "rmsprop", "sgd"]) func resumedRunEqualsUninterrupted(optimizer: String) throws {
        let (x, y) = Self.data()
        let straight = Self.model()
        try straight.compile(optimizer: optimizer, loss: "categorical_crossentropy")
        try straight.fit(x: x, y: y, epochs: 4, batchSize: 8)

        let first = Self.model()
        try first.compile(optimizer: optimizer, loss: "categorical_crossentropy")
        try first.fit(x: x, y: y, epochs: 2, batchSize: 8)
        let weights = first.weights.map(\.scalars)
        let slots = try #require(first.compiledOptimizer as? any ResumableOptimizer).state(for: first.parameters)
        let (random, order) = (first.randomState, first.shuffleOrder)

        let resumed = Self.model()
        try resumed.compile(optimizer: optimizer, loss: "categorical_crossentropy")
        try resumed.setWeights(weights)
        try #require(resumed.compiledOptimizer as? any ResumableOptimizer).restore(slots, for: resumed.parameters)
        try resumed.restoreRandomState(random)
        try resumed.restoreShuffleOrder(order)
        let history = try resumed.fit(x: x, y: y, epochs: 4, batchSize: 8, initialEpoch: 2)
        #expect(history.epochs == 2)
        #expect(resumed.weights.map(\.scalars) == straight.weights.map(\.scalars))
    }

    /// Without the restored state the run differs: the test above would catch a missing piece.
    @Test func freshStateDiverges() throws {
        let (x, y) = Self.data()
        let straight = Self.model()
        try straight.compile(optimizer: "adam", loss: "categorical_crossentropy")
        try straight.fit(x: x, y: y, epochs: 4, batchSize: 8)
        let first = Self.model()
        try first.compile(optimizer: "adam", loss: "categorical_crossentropy")
        try first.fit(x: x, y: y, epochs: 2, batchSize: 8)
        let resumed = Self.model()
        try resumed.compile(optimizer: "adam", loss: "categorical_crossentropy")
        try resumed.setWeights(first.weights.map(\.scalars))
        try resumed.fit(x: x, y: y, epochs: 4, batchSize: 8, initialEpoch: 2)
        #expect(resumed.weights.map(\.scalars) != straight.weights.map(\.scalars))
    }

    @Test func badStatesAreRefused() throws {
        let m = Self.model()
        try m.compile(optimizer: "adam", loss: "categorical_crossentropy")
        #expect(throws: LayerError.self) { try m.restoreRandomState([1, 2, 3]) }
        #expect(throws: LayerError.self) { try m.restoreShuffleOrder([0, 0, 1]) }
        let adam = try #require(m.compiledOptimizer as? any ResumableOptimizer)
        #expect(throws: LayerError.self) { try adam.restore(OptimizerState(step: 1, slots: [[Tensor(zeros: [2])]]), for: m.parameters) }
        let (x, y) = Self.data()
        #expect(throws: LayerError.self) { try m.fit(x: x, y: y, epochs: 2, initialEpoch: 2) }
    }
}
