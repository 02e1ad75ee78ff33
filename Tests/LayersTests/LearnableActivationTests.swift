import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// Learnable activations trained inside Dense and as stand-alone layers: one full-batch SGD step
/// (lr = 1) moves every tensor, the activation's included, by minus its gradient, checked by
/// finite differences of the whole model in Double; model files keep the learned values.
@Suite struct LearnableActivationTests {
    static let ids = ["star_relu", "snake", "srelu", "acon_c", "pau"]
    static let placements = ids.flatMap { [($0, true), ($0, false)] }

    /// Dense(hidden, f) -> Dense(2) when `inDense`, else Dense(hidden) -> f layer -> Dense(2).
    static func model(_ id: String, inDense: Bool, hidden: Int) throws -> Sequential {
        // srelu's right threshold moved into the inputs' range, so both thresholds see gradients.
        let parameters: [String: Double] = id == "srelu" ? ["t_left": -0.3, "a_left": 0.2, "t_right": 0.4, "a_right": 0.6] : [:]
        let f = try Activation.named(id, parameters: parameters)
        return try Sequential(seed: 4) {
            if inDense {
                Dense(hidden, activation: f, inputShape: [3])
            } else {
                Dense(hidden, inputShape: [3])
                try LearnableActivationLayer(id, parameters: parameters)
            }
            Dense(2)
        }
    }

    static func learned(in model: Sequential) -> (function: any LearnableActivation, values: [String: [Float]])? {
        for layer in model.layers {
            if let l = (layer as? any LearnedActivationReporting)?.learnedActivation { return l }
        }
        return nil
    }

    @Test(arguments: placements)
    func oneStepEqualsMinusTheGradient(_ id: String, _ inDense: Bool) throws {
        let (n, inputs, hidden) = (7, 3, 4)
        var rng = RandomGenerator(seed: 5)
        let x = Tensor(shape: [n, inputs], scalars: Reference.random(n * inputs, -1.5, 1.5, &rng))
        let y = Tensor(shape: [n, 2], scalars: Reference.random(n * 2, -1, 1, &rng))
        let model = try Self.model(id, inDense: inDense, hidden: hidden)
        try model.compile(optimizer: SGD(learningRate: 1), loss: MeanSquaredError())
        let found = Self.learned(in: model)
        let learnable = try #require(found)
        let f = learnable.function, tensors = f.learnableTensors
        let before = model.weights.map(\.doubles)
        // Tensor order: W1, b1, then the activation's tensors, then W2, b2.
        let activationRange = 2..<(2 + tensors.count)

        func loss(_ w: [[Double]]) throws -> Double {
            let z = Reference.affine(x.doubles, w[0], w[1], rows: n, inputs: inputs, units: hidden)
            let functions = try (0..<hidden).map { j -> any ActivationFunction in
                var values = [String: [Float]]()
                for (k, t) in tensors.enumerated() {
                    let v = w[2 + k].map { Float($0) }
                    values[t.name] = t.perChannel ? [v[j]] : v
                }
                return try f.learned(values)
            }
            let h = z.enumerated().map { functions[$0.offset % hidden].value($0.element) }
            let out = Reference.affine(h, w[2 + tensors.count], w[3 + tensors.count], rows: n, inputs: hidden, units: 2)
            return zip(out, y.doubles).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(n * 2)
        }

        _ = try model.fit(x: x, y: y, epochs: 1, batchSize: n, shuffle: false)
        for (k, w) in before.enumerated() {
            let step = zip(w, model.weights[k].doubles).map { $0 - $1 }
            let fd: [Double]
            if activationRange.contains(k) {
                // The functions hold Float parameters: steps the Float grid can represent, not 1e-6.
                fd = try w.indices.map { i in
                    let h = w[i] == 0 ? 1e-3 : min(1e-3 * max(1, abs(w[i])), abs(w[i]) / 2)
                    let up = Double(Float(w[i] + h)), down = Double(Float(w[i] - h))
                    var plus = before, minus = before
                    plus[k][i] = up
                    minus[k][i] = down
                    return (try loss(plus) - loss(minus)) / (up - down)
                }
            } else {
                fd = Reference.gradient(at: w) { v in var all = before; all[k] = v; return (try? loss(all)) ?? .nan }
            }
            #expect(isClose(step, fd, absolute: 3e-5, relative: 2e-3), "\(id) \(inDense ? "in Dense" : "stand-alone"): tensor \(k): step \(step), gradient \(fd)")
        }
    }

    @Test(arguments: placements)
    func modelFilesKeepTheLearnedValues(_ id: String, _ inDense: Bool) throws {
        var rng = RandomGenerator(seed: 9)
        let x = Tensor(shape: [16, 3], scalars: Reference.random(48, -2, 2, &rng))
        let y = Tensor(shape: [16, 2], scalars: Reference.random(32, -1, 1, &rng))
        let model = try Self.model(id, inDense: inDense, hidden: 6)
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        _ = try model.fit(x: x, y: y, epochs: 3, batchSize: 4)
        let again = try Sequential.deserialize(try model.serialized(), source: "test")
        #expect(again.weights.map(\.scalars) == model.weights.map(\.scalars))
        #expect(try again.predict(x).scalars == model.predict(x).scalars)
        let found = Self.learned(in: again)
        let learned = try #require(found)
        let initial = learned.function.learnableTensors
        // Training moved the activation's tensors away from where they started.
        let moved = initial.contains { t in (learned.values[t.name] ?? []).contains { !t.initial.contains($0) } }
        #expect(moved, "\(id): learned values \(learned.values) equal the initial ones")
        if !inDense { #expect(again.layers[1].typeName == learned.function.layerTypeName) }
    }

    @Test func aFunctionWithNothingToLearnIsRefusedByTheLayer() {
        #expect(throws: LayerError.self) { try LearnableActivationLayer("relu") }
        #expect(LayerRegistry.type(named: "Snake") == LearnableActivationLayer.self)
    }

    @Test func nonLearnableDenseHasOnlyKernelAndBias() throws {
        let dense = Dense(5, activation: ReLU(), inputShape: [3])
        var rng = RandomGenerator(seed: 1)
        try dense.build(inputShape: [3], rng: &rng)
        #expect(dense.parameters.map(\.name) == ["kernel", "bias"])
        let snake = Dense(5, activation: Snake(), inputShape: [3])
        try snake.build(inputShape: [3], rng: &rng)
        #expect(snake.parameters.map(\.name) == ["kernel", "bias", "activation_alpha"])
        #expect(try snake.plan(inputShape: [3]).trainableCount == 3 * 5 + 5 + 5)
    }
}
