import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// One full-batch SGD step (lr = 1) through `fit` moves every weight by minus its gradient; the
/// gradient is checked against finite differences of the whole two-layer model in Double.
@Suite struct ModelGradientTests {
    enum Target { case oneHot, sparse, regression }

    static let cases: [(String, String, Target)] = [
        ("softmax", "categorical_crossentropy", .oneHot),          // fused softmax + CE
        ("softmax", "sparse_categorical_crossentropy", .sparse),   // fused softmax + sparse CE
        ("sigmoid", "binary_crossentropy", .oneHot),
        ("linear", "mean_squared_error", .regression),
    ]

    @Test(arguments: cases)
    func oneStepEqualsMinusTheGradient(_ output: String, _ lossId: String, _ target: Target) throws {
        let (n, inputs, hidden, classes) = (6, 3, 4, 3)
        var rng = RandomGenerator(seed: 21)
        let x = Tensor(shape: [n, inputs], scalars: Reference.random(n * inputs, -1.5, 1.5, &rng))
        let labels = (0..<n).map { $0 % classes }
        let y: Tensor
        switch target {
        case .oneHot: y = Tensor(shape: [n, classes], scalars: (0..<(n * classes)).map { $0 % classes == labels[$0 / classes] ? 1 : 0 })
        case .sparse: y = Tensor(shape: [n, 1], scalars: labels.map(Float.init))
        case .regression: y = Tensor(shape: [n, classes], scalars: Reference.random(n * classes, -1, 1, &rng))
        }
        let model = try Sequential(seed: 8) {
            Dense(hidden, activation: Tanh(), inputShape: [inputs])
            try Dense(classes, activation: output)
        }
        try model.compile(optimizer: SGD(learningRate: 1), loss: Losses.named(lossId))
        let before = model.weights.map(\.doubles)

        func loss(_ w: [[Double]]) -> Double {
            let h = Reference.activate("tanh", Reference.affine(x.doubles, w[0], w[1], rows: n, inputs: inputs, units: hidden), columns: hidden)
            let p = Reference.activate(output, Reference.affine(h, w[2], w[3], rows: n, inputs: hidden, units: classes), columns: classes)
            switch lossId {
            case "categorical_crossentropy":
                return -zip(p, y.doubles).reduce(0) { $0 + $1.1 * log($1.0) } / Double(n)
            case "sparse_categorical_crossentropy":
                return -labels.enumerated().reduce(0) { $0 + log(p[$1.offset * classes + $1.element]) } / Double(n)
            case "binary_crossentropy":
                return -zip(p, y.doubles).reduce(0) { $0 + $1.1 * log($1.0) + (1 - $1.1) * log(1 - $1.0) } / Double(n * classes)
            default:
                return zip(p, y.doubles).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(n * classes)
            }
        }

        let history = try model.fit(x: x, y: y, epochs: 1, batchSize: n, shuffle: false)
        #expect(abs(history["loss"][0] - loss(before)) < 1e-5, "reported loss is the loss before the step")
        for (k, w) in before.enumerated() {
            let fd = Reference.gradient(at: w) { v in var all = before; all[k] = v; return loss(all) }
            let step = zip(w, model.weights[k].doubles).map { $0 - $1 }
            #expect(isClose(step, fd, absolute: 2e-5, relative: 1e-3), "\(lossId) through \(output): weight tensor \(k)")
        }
    }
}
