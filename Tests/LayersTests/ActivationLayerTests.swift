import Activations
import Layers
import Tensors
import Testing

/// Stand-alone activation layers, learnable activations and maxout, checked by finite differences.
struct ActivationLayerTests {
    static func lossGradientCheck(_ layer: any Layer, inputShape: [Int], rows: Int = 3) throws {
        var rng = RandomGenerator(seed: 9)
        try layer.build(inputShape: inputShape, rng: &rng)
        let x = Tensor(zeros: [rows] + inputShape)
        x.fillNormal(std: 2, using: &rng)
        let upstream = Tensor(zeros: [rows] + layer.outputShape)
        upstream.fillNormal(using: &rng)
        func loss() -> Double {
            let y = layer.forward(x, training: false)
            return (0..<y.count).reduce(0.0) { $0 + Double(y[$1]) * Double(upstream[$1]) }
        }
        _ = layer.forward(x, training: false)
        let dx = layer.backward(upstream, needInputGradient: true)!.copy()
        let grads = layer.parameters.map { $0.gradient.copy() }
        let h: Float = 1e-2
        for i in 0..<x.count {
            let v = x[i]
            x[i] = v + h; let up = loss(); x[i] = v - h; let down = loss(); x[i] = v
            let fd = (up - down) / Double(2 * h)
            #expect(abs(Double(dx[i]) - fd) < 2e-2 * (1 + abs(fd)), "\(layer.typeName) dx[\(i)] \(dx[i]) vs \(fd)")
        }
        for (p, g) in zip(layer.parameters, grads) {
            for i in 0..<p.value.count {
                let v = p.value[i]
                p.value[i] = v + h; let up = loss(); p.value[i] = v - h; let down = loss(); p.value[i] = v
                let fd = (up - down) / Double(2 * h)
                #expect(abs(Double(g[i]) - fd) < 2e-2 * (1 + abs(fd)), "\(layer.typeName) d\(p.name)[\(i)] \(g[i]) vs \(fd)")
            }
        }
    }

    @Test func preluLearnsOneSlopePerChannel() throws {
        let layer = PReLU(alpha: 0.25)
        try Self.lossGradientCheck(layer, inputShape: [5])
        #expect(layer.parameters[0].value.count == 5)
    }

    @Test func swishLearnsBeta() throws { try Self.lossGradientCheck(Swish(beta: 1.5), inputShape: [4]) }
    @Test func maxoutGradientsReachTheDenseWeights() throws { try Self.lossGradientCheck(Maxout(3, pieces: 4), inputShape: [6]) }
    @Test func activationLayerWrapsRowwiseFunctions() throws {
        try Self.lossGradientCheck(ActivationLayer(GLU()), inputShape: [6])
        try Self.lossGradientCheck(ActivationLayer(Softmax()), inputShape: [5])
    }

    @Test func bareActivationsBuildLayersInSequential() throws {
        let model = Sequential {
            Dense(8, inputShape: [4])
            LeakyReLU(alpha: 0.1)
            Dense(4, activation: .elu)
            RReLU()
        }
        model.add(GELU(approximation: .none))
        try model.build()
        #expect(model.layers.count == 5)
        #expect(model.layers[1].name == "activation" && model.layers[3].typeName == "RReLU")
    }

    @Test func rreluSamplesSlopesInTrainingAndUsesTheMeanAtInference() throws {
        let layer = ActivationLayer(RReLU(lower: 0.1, upper: 0.3), seed: 4)
        var rng = RandomGenerator(seed: 0)
        try layer.build(inputShape: [1000], rng: &rng)
        let x = Tensor(repeating: -1, shape: [1, 1000])
        let train = layer.forward(x, training: true).scalars
        #expect(train.allSatisfy { $0 <= -0.1 && $0 >= -0.3 })
        #expect(Set(train).count > 900)
        let mean = train.reduce(0, +) / 1000
        #expect(abs(mean + 0.2) < 0.01)
        let dx = layer.backward(Tensor(repeating: 1, shape: [1, 1000]), needInputGradient: true)!.scalars
        #expect(zip(dx, train).allSatisfy { abs($0 + $1) < 1e-6 })  // slope used forward is the one used backward
        #expect(layer.forward(x, training: false).scalars.allSatisfy { abs($0 + 0.2) < 1e-6 })
    }
}

extension ActivationLayerTests {
    /// Inside Dense, RReLU behaves as the stand-alone layer: fresh slopes per training pass, the
    /// same slopes in backward (through to the kernel gradient), the mean at inference.
    @Test func rreluInsideDenseSamplesSlopesInTraining() throws {
        let dense = Dense(500, activation: RReLU(lower: 0.1, upper: 0.3))
        var rng = RandomGenerator(seed: 0)
        try dense.build(inputShape: [1], rng: &rng)
        // One input of -1 and a kernel of ones: every pre-activation is -1 + bias = -1.
        dense.kernel.value.fill(1)
        let x = Tensor(repeating: -1, shape: [1, 1])
        let first = dense.forward(x, training: true).scalars
        #expect(first.allSatisfy { $0 <= -0.1 && $0 >= -0.3 })
        #expect(Set(first).count > 450)
        let dx = dense.backward(Tensor(repeating: 1, shape: [1, 500]), needInputGradient: true)!.scalars
        // dL/dx = sum over units of slope * kernel = -(sum of outputs) here.
        #expect(abs(dx[0] + first.reduce(0, +)) < 1e-3)
        let second = dense.forward(x, training: true).scalars
        #expect(second != first)
        #expect(dense.forward(x, training: false).scalars.allSatisfy { abs($0 + 0.2) < 1e-6 })
    }
}
