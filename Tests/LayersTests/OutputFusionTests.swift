import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// The model asks its last layer whether its output fuses with the loss: Dense with softmax and
/// a stand-alone softmax layer both get the stable p - t gradient.
@Suite struct OutputFusionTests {
    static let (n, inputs, classes) = (5, 3, 4)

    static func data(seed: UInt64) -> (Tensor, Tensor) {
        var rng = RandomGenerator(seed: seed)
        let x = Tensor(shape: [n, inputs], scalars: Reference.random(n * inputs, -1, 1, &rng))
        let y = Tensor(zeros: [n, classes])
        for r in 0..<n { y[r, (r * 3) % classes] = 1 }
        return (x, y)
    }

    /// Parameter gradients from one backward pass, fused or through the chain rule.
    static func gradients(_ model: Sequential, x: Tensor, y: Tensor, fused: Bool) throws -> [[Double]] {
        let p = model.forward(x, training: true)
        let g = Tensor(zeros: p.shape)
        if fused {
            let loss = try #require(model.fusedLoss)
            loss.preActivationGradient(probabilities: p, targets: y, into: g)
        } else {
            _ = try #require(model.loss).compute(predictions: p, targets: y, gradient: g)
        }
        model.backward(g, fusedOutput: fused)
        return model.parameters.map(\.gradient.doubles)
    }

    @Test func standAloneSoftmaxGetsTheFusedGradient() throws {
        let model = Sequential(seed: 4) {
            Dense(Self.classes, inputShape: [Self.inputs])
            Softmax()
        }
        try model.compile(optimizer: "sgd", loss: "categorical_crossentropy")
        #expect(model.layers.last is ActivationLayer)
        let (x, y) = Self.data(seed: 1)
        let fused = try Self.gradients(model, x: x, y: y, fused: true)
        let chain = try Self.gradients(model, x: x, y: y, fused: false)
        for (f, c) in zip(fused, chain) { #expect(isClose(f, c, absolute: 1e-6, relative: 1e-4), "\(f) vs \(c)") }

        // Extreme logits: softmax saturates to exact 0 and 1, the chain rule divides by a clipped
        // p; the fused gradient stays finite and equals (p - t) / n from a Double softmax.
        model.parameters[0].value.scalars.indices.forEach { model.parameters[0].value[$0] *= 5000 }
        let extreme = try Self.gradients(model, x: x, y: y, fused: true)
        #expect(extreme.allSatisfy { $0.allSatisfy(\.isFinite) })
        let w = model.parameters[0].value.doubles, b = model.parameters[1].value.doubles
        let logits = Reference.affine(x.doubles, w, b, rows: Self.n, inputs: Self.inputs, units: Self.classes)
        let p = Reference.activate("softmax", logits, columns: Self.classes)
        let expectedBias = (0..<Self.classes).map { j in
            (0..<Self.n).reduce(0.0) { $0 + (p[$1 * Self.classes + j] - Double(y[$1, j])) / Double(Self.n) }
        }
        #expect(isClose(extreme[1], expectedBias, absolute: 1e-6, relative: 1e-4), "\(extreme[1]) vs \(expectedBias)")
    }

    @Test func denseSoftmaxAndSigmoidFuseWithTheirLosses() throws {
        func model(_ build: () -> Sequential, loss: String) throws -> Sequential {
            let m = build()
            try m.compile(optimizer: "sgd", loss: loss)
            return m
        }
        let denseSoftmax = try model({ Sequential { Dense(3, activation: .softmax, inputShape: [2]) } }, loss: "categorical_crossentropy")
        #expect(denseSoftmax.fusedLoss != nil)
        let sparse = try model({ Sequential { Dense(3, activation: .softmax, inputShape: [2]) } }, loss: "sparse_categorical_crossentropy")
        #expect(sparse.fusedLoss != nil)
        let sigmoid = try model({ Sequential { Dense(3, inputShape: [2]); Sigmoid() } }, loss: "binary_crossentropy")
        #expect(sigmoid.fusedLoss != nil)
        // Mismatched pairs and other losses use the plain chain rule.
        #expect(try model({ Sequential { Dense(3, activation: .softmax, inputShape: [2]) } }, loss: "binary_crossentropy").fusedLoss == nil)
        #expect(try model({ Sequential { Dense(3, activation: .sigmoid, inputShape: [2]) } }, loss: "categorical_crossentropy").fusedLoss == nil)
        #expect(try model({ Sequential { Dense(3, activation: .softmax, inputShape: [2]) } }, loss: "mse").fusedLoss == nil)
        #expect(try model({ Sequential { Dense(3, activation: .softmax, inputShape: [2]); PReLU() } }, loss: "categorical_crossentropy").fusedLoss == nil)
    }

    @Test func standAloneSigmoidFusedMatchesTheChainRule() throws {
        let model = Sequential(seed: 6) {
            Dense(Self.classes, activation: .tanh, inputShape: [Self.inputs])
            Dense(Self.classes)
            Sigmoid()
        }
        try model.compile(optimizer: "sgd", loss: "binary_crossentropy")
        let (x, y) = Self.data(seed: 2)
        let fused = try Self.gradients(model, x: x, y: y, fused: true)
        let chain = try Self.gradients(model, x: x, y: y, fused: false)
        for (f, c) in zip(fused, chain) { #expect(isClose(f, c, absolute: 1e-6, relative: 1e-3), "\(f) vs \(c)") }
    }

    /// GLU and maxout say themselves what width they need; the layer adds its name.
    @Test func widthMessagesComeFromTheActivation() throws {
        var rng = RandomGenerator(seed: 1)
        let glu = try #require(throws: LayerError.self) { try Dense(5, activation: GLU(), name: "g").build(inputShape: [3], rng: &rng) }
        #expect("\(glu)" == "layer 'g': glu needs an even number of input columns (units), got 5")
        let maxout = try #require(throws: LayerError.self) {
            try Dense(7, activation: MaxoutActivation(pieces: 2), name: "m").build(inputShape: [3], rng: &rng)
        }
        #expect("\(maxout)" == "layer 'm': maxout with 2 pieces needs input columns (units) divisible by 2, got 7")
        // Stand-alone, the same check runs on the incoming width instead of trapping.
        let model = Sequential { Dense(5, inputShape: [3]); GLU() }
        let standAlone = try #require(throws: LayerError.self) { try model.summary() }
        #expect("\(standAlone)" == "layer 'activation': glu needs an even number of input columns (units), got 5")
    }
}
