import Activations
import Testing
import Tensors
@testable import Layers

/// The fused Conv2D -> BatchNormalization -> Activation -> MaxPooling2D step against the same
/// layers run one by one (each of which is checked against finite differences elsewhere):
/// outputs, every gradient and the moving statistics, in training and in inference.
@Suite struct ConvolutionBlockFusionTests {
    nonisolated(unsafe) static let blocks: [(name: String, input: [Int], make: () -> [any Layer])] = [
        ("digits-like, odd size, same pooling", [7, 7, 2], {
            [Conv2D(16, 3, padding: .same, activation: .relu), BatchNormalization(), ActivationLayer(LeakyReLU(alpha: 0.1)),
             MaxPooling2D(poolSize: 2, padding: .same)]
        }),
        ("linear convolution, no activation layer, valid pooling", [6, 6, 1], {
            [Conv2D(32, 3), BatchNormalization(), MaxPooling2D(poolSize: 2)]
        }),
        ("first layer over one channel (the direct convolution)", [8, 8, 1], {
            [Conv2D(16, 3, padding: .same, activation: .relu), BatchNormalization(), ActivationLayer(LeakyReLU(alpha: 0.1)),
             MaxPooling2D(poolSize: 2)]
        }),
        ("3x3 pooling with a padded first row, smooth activations", [4, 4, 3], {
            [Conv2D(16, 3, padding: .same, activation: .tanh), BatchNormalization(), ActivationLayer(ELU()),
             MaxPooling2D(poolSize: 3, padding: .same)]
        }),
    ]

    static func model(_ block: (name: String, input: [Int], make: () -> [any Layer]), fused: Bool) throws -> Sequential {
        let model = Sequential(seed: 5)
        model.add(Input(shape: block.input))
        for layer in block.make() { model.add(layer) }
        model.add(Flatten())
        model.add(Dense(3))
        model.fusesLayers = fused
        try model.build()
        return model
    }

    @Test(arguments: 0..<4)
    func fusedStepMatchesTheLayersOneByOne(_ index: Int) throws {
        let block = Self.blocks[index]
        let fused = try Self.model(block, fused: true), plain = try Self.model(block, fused: false)
        #expect(fused.executionSteps.contains { $0.layers.count > 1 }, "\(block.name): no fused step")
        if block.input == [8, 8, 1] { #expect((fused.layers[1] as? Conv2D)?.usesDirect == true) }
        #expect(plain.executionSteps.allSatisfy { $0.layers.count == 1 })
        var rng = RandomGenerator(seed: 9)
        let n = 5, count = n * block.input.reduce(1, *)
        let x = Tensor(shape: [n] + block.input, scalars: Reference.random(count, -1, 1, &rng))
        let u = Tensor(shape: [n, 3], scalars: Reference.random(n * 3, -1, 1, &rng))
        for step in 0..<2 {
            let a = fused.forward(x, training: true), b = plain.forward(x, training: true)
            #expect(isClose(a.doubles, b.doubles, absolute: 1e-5), "\(block.name): training output, step \(step)")
            fused.backward(u, fusedOutput: false)
            plain.backward(u, fusedOutput: false)
            for (p, q) in zip(fused.parameters, plain.parameters) {
                #expect(isClose(p.gradient.doubles, q.gradient.doubles, absolute: 1e-4), "\(block.name): gradient of \(p.name)")
                // Move the weights the same way, so the second step starts elsewhere.
                for i in 0..<p.value.count { p.value[i] -= 0.1 * p.gradient[i]; q.value[i] -= 0.1 * q.gradient[i] }
            }
            for (p, q) in zip(fused.state, plain.state) {
                #expect(isClose(p.value.doubles, q.value.doubles, absolute: 1e-6), "\(block.name): \(p.name)")
            }
        }
        let a = fused.forward(x, training: false), b = plain.forward(x, training: false)
        #expect(isClose(a.doubles, b.doubles, absolute: 1e-5), "\(block.name): inference output")
        fused.backward(u, fusedOutput: false)
        plain.backward(u, fusedOutput: false)
        for (p, q) in zip(fused.parameters, plain.parameters) {
            #expect(isClose(p.gradient.doubles, q.gradient.doubles, absolute: 1e-4), "\(block.name): inference gradient of \(p.name)")
        }
    }

    /// Ties and a window of equal values: the first maximum takes the gradient, as MaxPooling2D does.
    @Test func tiedMaximaRouteTheGradientLikeMaxPooling() throws {
        let block = Self.blocks[1]
        let fused = try Self.model(block, fused: true), plain = try Self.model(block, fused: false)
        // A zero kernel makes every pre-activation the bias: all windows tie.
        for m in [fused, plain] { m.parameters[0].value.fill(0) }
        let x = Tensor(repeating: 0.5, shape: [3] + block.input)
        let u = Tensor(repeating: 1, shape: [3, 3])
        _ = fused.forward(x, training: true); _ = plain.forward(x, training: true)
        fused.backward(u, fusedOutput: false); plain.backward(u, fusedOutput: false)
        for (p, q) in zip(fused.parameters, plain.parameters) {
            #expect(isClose(p.gradient.doubles, q.gradient.doubles, absolute: 1e-4), "gradient of \(p.name)")
        }
    }

    @Test func runsItCannotTakeStayLayerByLayer() throws {
        let cases: [[any Layer]] = [
            // Overlapping windows.
            [Conv2D(16, 3, padding: .same), BatchNormalization(), MaxPooling2D(poolSize: 3, strides: 2)],
            // Windows that leave the last row and column out.
            [Conv2D(16, 3, padding: .same), BatchNormalization(), MaxPooling2D(poolSize: 2)],
            // Training noise in between.
            [Conv2D(16, 3, padding: .same), BatchNormalization(), ActivationLayer(RReLU()), MaxPooling2D(poolSize: 2, padding: .same)],
            // A function across channels: a window's gradient would not stay on its winner.
            [Conv2D(16, 3, padding: .same), BatchNormalization(), ActivationLayer(Softmax()), MaxPooling2D(poolSize: 2, padding: .same)],
            // No normalisation.
            [Conv2D(16, 3, padding: .same), MaxPooling2D(poolSize: 2, padding: .same)],
            // Channels that are not a whole number of vectors.
            [Conv2D(12, 3, padding: .same), BatchNormalization(), MaxPooling2D(poolSize: 2, padding: .same)],
        ]
        for layers in cases {
            let model = Sequential(seed: 1)
            model.add(Input(shape: [7, 7, 1]))
            for layer in layers { model.add(layer) }
            try model.build()
            #expect(model.executionSteps.allSatisfy { $0.layers.count == 1 }, "\(layers.map(\.typeName))")
        }
    }

    @Test func stepNamesJoinTheFusedLayers() throws {
        let model = try Self.model(Self.blocks[0], fused: true)
        #expect(model.executionSteps.map(\.name).contains("conv2d+batch_normalization+activation+max_pooling2d"))
        model.fusesLayers = false
        #expect(model.executionSteps.count == model.layers.count)
    }
}
