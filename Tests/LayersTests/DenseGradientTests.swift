import Activations
import Testing
import Tensors
@testable import Layers

/// Dense forward and backward against finite differences of a Double-precision reference,
/// for L = sum(w * y) with fixed random weights w (so dL/dy = w).
@Suite struct DenseGradientTests {
    static let activations: [any ActivationFunction] = [Linear(), Sigmoid(), Tanh(), ReLU(), Softmax()]

    @Test(arguments: activations)
    func gradientsMatchFiniteDifferences(_ activation: any ActivationFunction) throws {
        let (n, inputs, units) = (5, 4, 3)
        var rng = RandomGenerator(seed: 99)
        let dense = Dense(units, activation: activation, name: "probe")
        try dense.build(inputShape: [inputs], rng: &rng)
        let biasValues = Reference.random(units, -0.5, 0.5, &rng)
        for (i, v) in biasValues.enumerated() { dense.bias.value[i] = v }
        let x = Tensor(shape: [n, inputs], scalars: Reference.random(n * inputs, -2, 2, &rng))
        let upstream = Tensor(shape: [n, units], scalars: Reference.random(n * units, -1, 1, &rng))

        let (x64, w64, b64, up64) = (x.doubles, dense.kernel.value.doubles, dense.bias.value.doubles, upstream.doubles)
        func loss(x: [Double], w: [Double], b: [Double]) -> Double {
            let y = Reference.activate(activation.id, Reference.affine(x, w, b, rows: n, inputs: inputs, units: units), columns: units)
            return zip(y, up64).reduce(0) { $0 + $1.0 * $1.1 }
        }
        // Keep clear of the relu kink so finite differences see one side only.
        let z = Reference.affine(x64, w64, b64, rows: n, inputs: inputs, units: units)
        try #require(z.allSatisfy { abs($0) > 1e-3 })

        let y = dense.forward(x, training: true)
        let expectedY = Reference.activate(activation.id, z, columns: units)
        #expect(isClose(y.doubles, expectedY, absolute: 1e-6, relative: 1e-5), "forward \(activation.id)")

        let dx = try #require(dense.backward(upstream, needInputGradient: true))
        let kernelFD = Reference.gradient(at: w64) { loss(x: x64, w: $0, b: b64) }
        let biasFD = Reference.gradient(at: b64) { loss(x: x64, w: w64, b: $0) }
        let inputFD = Reference.gradient(at: x64) { loss(x: $0, w: w64, b: b64) }
        #expect(isClose(dense.kernel.gradient.doubles, kernelFD), "kernel gradient, \(activation.id)")
        #expect(isClose(dense.bias.gradient.doubles, biasFD), "bias gradient, \(activation.id)")
        #expect(isClose(dx.doubles, inputFD), "input gradient, \(activation.id)")
    }

    @Test func backwardWithoutInputGradientStillSetsParameterGradients() throws {
        var rng = RandomGenerator(seed: 1)
        let dense = Dense(2, activation: Tanh())
        try dense.build(inputShape: [3], rng: &rng)
        let x = Tensor(shape: [4, 3], scalars: Reference.random(12, -1, 1, &rng))
        _ = dense.forward(x, training: true)
        let dx = dense.backward(Tensor(repeating: 1, shape: [4, 2]), needInputGradient: false)
        #expect(dx == nil)
        #expect(dense.bias.gradient.scalars.allSatisfy { $0 != 0 })
    }

    /// A smaller batch after a larger one reuses the buffers; the gradient must cover only the new rows.
    @Test func gradientsAfterTheBatchShrinks() throws {
        var rng = RandomGenerator(seed: 2)
        let dense = Dense(3, activation: Sigmoid())
        try dense.build(inputShape: [2], rng: &rng)
        let big = Tensor(shape: [6, 2], scalars: Reference.random(12, -1, 1, &rng))
        _ = dense.forward(big, training: true)
        _ = dense.backward(Tensor(repeating: 1, shape: [6, 3]), needInputGradient: true)
        let small = big.rows(0..<2)
        let y = dense.forward(small, training: true)
        _ = dense.backward(Tensor(repeating: 1, shape: [2, 3]), needInputGradient: true)
        // dL/db for L = sum(y) is sum over the two rows of y (1 - y).
        let expected = (0..<3).map { u in (0..<2).reduce(0.0) { s, r in let v = Double(y[r, u]); return s + v * (1 - v) } }
        #expect(isClose(dense.bias.gradient.doubles, expected, absolute: 1e-6, relative: 1e-5))
    }

    @Test func buildRejectsBadShapesNamingTheLayer() {
        var rng = RandomGenerator(seed: 0)
        #expect(throws: LayerError.shapeMismatch(layer: "hidden", expected: "a flat input (features,)", got: [28, 28])) {
            try Dense(4, name: "hidden").build(inputShape: [28, 28], rng: &rng)
        }
        #expect(throws: LayerError.self) { try Dense(0, name: "empty").build(inputShape: [3], rng: &rng) }
    }

    @Test func glorotUniformInitialisation() throws {
        var rng = RandomGenerator(seed: 4)
        let dense = Dense(50, activation: ReLU())
        try dense.build(inputShape: [150], rng: &rng)
        let limit = (6.0 / 200).squareRoot()
        let w = dense.kernel.value.doubles
        #expect(w.allSatisfy { abs($0) <= limit })
        #expect(w.max()! > 0.9 * limit && w.min()! < -0.9 * limit)
        #expect(dense.bias.value.scalars.allSatisfy { $0 == 0 })
        #expect(dense.parameterCount == 150 * 50 + 50)
    }
}
