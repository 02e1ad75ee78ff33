import Testing
import Tensors
@testable import Layers

/// Dropout's training-only masks and their seeding; Flatten, Reshape and Input as views.
@Suite struct DropoutReshapeTests {
    @Test func dropoutIsTheIdentityInInference() throws {
        var rng = RandomGenerator(seed: 1)
        let drop = Dropout(0.5)
        try drop.build(inputShape: [10], rng: &rng)
        let x = Tensor(shape: [3, 10], scalars: Reference.random(30, -1, 1, &rng))
        #expect(drop.forward(x, training: false).scalars == x.scalars)
        #expect(drop.backward(x, needInputGradient: true)?.scalars == x.scalars)
    }

    /// Inverted dropout: about `rate` of the values zeroed, the rest scaled by 1 / (1 - rate),
    /// the gradient masked the same way; the model's seed fixes the masks.
    @Test func trainingMasksAreScaledAndSeeded() throws {
        func masks(seed: UInt64) throws -> (Tensor, Tensor) {
            var rng = RandomGenerator(seed: seed)
            let drop = Dropout(0.3)
            try drop.build(inputShape: [100, 100], rng: &rng)
            let y = drop.forward(Tensor(repeating: 1, shape: [2, 100, 100]), training: true).copy()
            let dx = try #require(drop.backward(Tensor(repeating: 2, shape: [2, 100, 100]), needInputGradient: true)).copy()
            return (y, dx)
        }
        let (y, dx) = try masks(seed: 4)
        let kept = y.scalars.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 1 / 0.7) < 1e-6 })
        #expect(abs(Double(kept.count) / 20_000 - 0.7) < 0.02)
        #expect(zip(y.scalars, dx.scalars).allSatisfy { $1 == 2 * $0 })
        #expect(try masks(seed: 4).0.scalars == y.scalars)
        #expect(try masks(seed: 5).0.scalars != y.scalars)
        // Two training passes draw different masks.
        var rng = RandomGenerator(seed: 4)
        let drop = Dropout(0.3)
        try drop.build(inputShape: [50], rng: &rng)
        let first = drop.forward(Tensor(repeating: 1, shape: [4, 50]), training: true).scalars
        #expect(drop.forward(Tensor(repeating: 1, shape: [4, 50]), training: true).scalars != first)
        #expect(throws: LayerError.self) { try Dropout(1, name: "d").plan(inputShape: [3]) }
    }

    /// Flatten and Reshape hand on views: same storage, the same tensor objects every step.
    @Test func flattenAndReshapeAreViews() throws {
        var rng = RandomGenerator(seed: 0)
        let flatten = Flatten(), reshape = Reshape([-1, 4])
        try flatten.build(inputShape: [2, 3, 4], rng: &rng)
        try reshape.build(inputShape: [24], rng: &rng)
        #expect(flatten.outputShape == [24] && reshape.outputShape == [6, 4])
        let x = Tensor(shape: [5, 2, 3, 4], scalars: (0..<120).map(Float.init))
        let flat = flatten.forward(x, training: true)
        #expect(flat.shape == [5, 24] && flat.sharesStorage(with: x) && flat.scalars == x.scalars)
        let shaped = reshape.forward(flat, training: true)
        #expect(shaped.shape == [5, 6, 4] && shaped.sharesStorage(with: x))
        let g = reshape.backward(shaped, needInputGradient: true)!
        let dx = flatten.backward(g, needInputGradient: true)!
        #expect(dx.shape == [5, 2, 3, 4] && dx.sharesStorage(with: x))
        let again = flatten.forward(x.rows(0..<2), training: true)
        #expect(again === flat && again.shape == [2, 24])
        #expect(throws: LayerError.self) { try Reshape([5, -1], name: "r").plan(inputShape: [24]) }
        #expect(throws: LayerError.self) { try Reshape([-1, -1], name: "r").plan(inputShape: [24]) }
        #expect(throws: LayerError.self) { try Reshape([0, 24], name: "r").plan(inputShape: [24]) }
    }

    /// `Sequential { Input(shape:); Conv2D(...) }`: the input layer sets the shape, stays out of
    /// the summary, and the first convolution is asked for no input gradient.
    @Test func inputLayerHeadsASequential() throws {
        let model = Sequential {
            Input(shape: [6, 6, 1])
            Conv2D(2, 3, activation: .relu)
            Flatten()
            Dense(3, activation: .softmax)
        }
        #expect(model.inputShape == [6, 6, 1])
        let summary = try model.summary()
        #expect(!summary.contains("input_layer") && summary.contains("conv2d (Conv2D)"))
        #expect(summary.contains("(None, 4, 4, 2)") && summary.contains("Total params: 119"))
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy")
        var rng = RandomGenerator(seed: 2)
        let x = Tensor(shape: [4, 6, 6, 1], scalars: Reference.random(144, 0, 1, &rng))
        let y = Tensor(shape: [4, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0])
        try model.fit(x: x, y: y, epochs: 2, batchSize: 4)
        #expect(try model.predict(x).shape == [4, 3])
        #expect(throws: LayerError.self) { try Sequential { Dense(2, inputShape: [3]); Input(shape: [5]) }.build() }
    }
}
