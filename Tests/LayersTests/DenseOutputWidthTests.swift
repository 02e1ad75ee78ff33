import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// Dense with activations that change the width (GLU, maxout) or come from an expression:
/// forward and all gradients against finite differences of Double formulas written here.
@Suite struct DenseOutputWidthTests {
    static func glu(_ z: [Double], columns: Int) -> [Double] {
        var out = [Double]()
        for s in stride(from: 0, to: z.count, by: columns) {
            for j in 0..<(columns / 2) {
                let gate: Double = 1 / (1 + exp(-z[s + columns / 2 + j]))
                out.append(z[s + j] * gate)
            }
        }
        return out
    }

    static func maxout(_ z: [Double], columns: Int, pieces: Int) -> [Double] {
        stride(from: 0, to: z.count, by: columns).flatMap { s in
            (0..<(columns / pieces)).map { u in (0..<pieces).map { z[s + u * pieces + $0] }.max()! }
        }
    }

    typealias Case = (label: String, activation: any ActivationFunction, width: Int,
                      reference: @Sendable ([Double], Int) -> [Double])
    static let cases: [Case] = [
        ("glu", GLU(), 3, { glu($0, columns: $1) }),
        ("maxout", MaxoutActivation(pieces: 3), 2, { maxout($0, columns: $1, pieces: 3) }),
        ("expression", try! Activation.expression("x * sigmoid(1.5 * x)"), 6,
         { z, _ in z.map { $0 / (1 + exp(-1.5 * $0)) } }),
    ]

    @Test(arguments: 0..<cases.count)
    func gradientsMatchFiniteDifferences(_ index: Int) throws {
        let (label, activation, width, reference) = Self.cases[index]
        let (n, inputs, units) = (4, 5, 6)
        var rng = RandomGenerator(seed: 7)
        let dense = Dense(units, activation: activation, name: "probe")
        try dense.build(inputShape: [inputs], rng: &rng)
        #expect(dense.outputShape == [width], "\(label) output width")
        let x = Tensor(shape: [n, inputs], scalars: Reference.random(n * inputs, -2, 2, &rng))
        let upstream = Tensor(shape: [n, width], scalars: Reference.random(n * width, -1, 1, &rng))
        let (x64, w64, b64, up64) = (x.doubles, dense.kernel.value.doubles, dense.bias.value.doubles, upstream.doubles)
        func loss(x: [Double], w: [Double], b: [Double]) -> Double {
            let y = reference(Reference.affine(x, w, b, rows: n, inputs: inputs, units: units), units)
            return zip(y, up64).reduce(0) { $0 + $1.0 * $1.1 }
        }

        let y = dense.forward(x, training: true)
        #expect(y.shape == [n, width])
        let expected = reference(Reference.affine(x64, w64, b64, rows: n, inputs: inputs, units: units), units)
        #expect(isClose(y.doubles, expected, absolute: 1e-5, relative: 1e-4), "forward \(label)")
        let dx = try #require(dense.backward(upstream, needInputGradient: true))
        #expect(isClose(dense.kernel.gradient.doubles, Reference.gradient(at: w64) { loss(x: x64, w: $0, b: b64) }), "kernel \(label)")
        #expect(isClose(dense.bias.gradient.doubles, Reference.gradient(at: b64) { loss(x: x64, w: w64, b: $0) }), "bias \(label)")
        #expect(isClose(dx.doubles, Reference.gradient(at: x64) { loss(x: $0, w: w64, b: b64) }), "input \(label)")
    }

    @Test func widthsThatDoNotDivideAreRejected() {
        var rng = RandomGenerator(seed: 1)
        #expect(throws: LayerError.self) { try Dense(5, activation: GLU(), name: "g").build(inputShape: [3], rng: &rng) }
        #expect(throws: LayerError.self) {
            try Dense(7, activation: MaxoutActivation(pieces: 2), name: "m").build(inputShape: [3], rng: &rng)
        }
    }

    @Test func summaryShowsTheReducedWidth() throws {
        let model = Sequential {
            Dense(8, activation: GLU(), inputShape: [4])
            Dense(2, activation: .softmax)
        }
        try model.build()
        #expect(model.layers[0].outputShape == [4])
        #expect(model.parameterCount == 4 * 8 + 8 + 4 * 2 + 2)
    }
}
