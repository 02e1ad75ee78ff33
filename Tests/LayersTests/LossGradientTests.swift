import Foundation
import Testing
import Tensors
@testable import Layers

/// Each loss's value and gradient against its formula in Double and finite differences of it.
@Suite struct LossGradientTests {
    static let (rows, columns) = (4, 3)

    static func meanSquared(_ p: [Double], _ t: [Double]) -> Double {
        zip(p, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(p.count)
    }

    static func binary(_ p: [Double], _ t: [Double]) -> Double {
        -zip(p, t).reduce(0) { $0 + $1.1 * log($1.0) + (1 - $1.1) * log(1 - $1.0) } / Double(p.count)
    }

    static func categorical(_ p: [Double], _ t: [Double]) -> Double {
        -zip(p, t).reduce(0) { $0 + $1.1 * log($1.0) } / Double(rows)
    }

    static func sparse(_ p: [Double], _ labels: [Int]) -> Double {
        -labels.enumerated().reduce(0) { $0 + log(p[$1.offset * columns + $1.element]) } / Double(rows)
    }

    /// Probabilities in each row summing to one, away from the clipping range.
    static func probabilities(_ rng: inout RandomGenerator) -> Tensor {
        let raw = Reference.random(rows * columns, 0.2, 1, &rng)
        let p = (0..<rows).flatMap { r -> [Float] in
            let row = raw[(r * columns)..<((r + 1) * columns)]
            let s = row.reduce(0, +)
            return row.map { $0 / s }
        }
        return Tensor(shape: [rows, columns], scalars: p)
    }

    static let labels = [2, 0, 1, 2]
    static var oneHot: Tensor {
        Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { $0 % columns == labels[$0 / columns] ? 1 : 0 })
    }

    func check(_ loss: any Loss, predictions p: Tensor, targets t: Tensor, reference: ([Double]) -> Double) {
        let gradient = Tensor(zeros: p.shape)
        let value = loss.compute(predictions: p, targets: t, gradient: gradient)
        #expect(abs(Double(value) - reference(p.doubles)) <= 1e-6 * max(1, abs(reference(p.doubles))), "\(loss.id) value")
        let fd = Reference.gradient(at: p.doubles, step: 1e-7, reference)
        #expect(isClose(gradient.doubles, fd, absolute: 1e-5, relative: 1e-4), "\(loss.id) gradient")
        // Without a gradient tensor the value is the same.
        #expect(loss.compute(predictions: p, targets: t, gradient: nil) == value)
    }

    @Test func meanSquaredError() {
        var rng = RandomGenerator(seed: 1)
        let p = Tensor(shape: [Self.rows, Self.columns], scalars: Reference.random(12, -2, 2, &rng))
        let t = Tensor(shape: [Self.rows, Self.columns], scalars: Reference.random(12, -2, 2, &rng))
        check(MeanSquaredError(), predictions: p, targets: t) { Self.meanSquared($0, t.doubles) }
    }

    @Test func binaryCrossEntropy() {
        var rng = RandomGenerator(seed: 2)
        let p = Tensor(shape: [6, 1], scalars: Reference.random(6, 0.05, 0.95, &rng))
        let t = Tensor(shape: [6, 1], scalars: [0, 1, 1, 0, 0.25, 1])
        check(BinaryCrossEntropy(), predictions: p, targets: t) { Self.binary($0, t.doubles) }
    }

    @Test func categoricalCrossEntropy() {
        var rng = RandomGenerator(seed: 3)
        let p = Self.probabilities(&rng), t = Self.oneHot
        check(CategoricalCrossEntropy(), predictions: p, targets: t) { Self.categorical($0, t.doubles) }
    }

    @Test func sparseCategoricalCrossEntropy() {
        var rng = RandomGenerator(seed: 4)
        let p = Self.probabilities(&rng)
        let t = Tensor(shape: [Self.rows, 1], scalars: Self.labels.map(Float.init))
        check(SparseCategoricalCrossEntropy(), predictions: p, targets: t) { Self.sparse($0, Self.labels) }
    }

    /// The fused gradient dL/dz through softmax against finite differences of CE(softmax(z)).
    @Test(arguments: [false, true])
    func fusedSoftmaxGradient(sparse: Bool) {
        var rng = RandomGenerator(seed: 5)
        let z = Reference.random(Self.rows * Self.columns, -3, 3, &rng)
        let logits = Tensor(shape: [Self.rows, Self.columns], scalars: z)
        let p = Tensor(shape: logits.shape, scalars: Reference.activate("softmax", logits.doubles, columns: Self.columns).map(Float.init))
        let gradient = Tensor(zeros: p.shape)
        let reference: ([Double]) -> Double
        if sparse {
            let t = Tensor(shape: [Self.rows, 1], scalars: Self.labels.map(Float.init))
            SparseCategoricalCrossEntropy().preActivationGradient(probabilities: p, targets: t, into: gradient)
            reference = { Self.sparse(Reference.activate("softmax", $0, columns: Self.columns), Self.labels) }
        } else {
            CategoricalCrossEntropy().preActivationGradient(probabilities: p, targets: Self.oneHot, into: gradient)
            reference = { Self.categorical(Reference.activate("softmax", $0, columns: Self.columns), Self.oneHot.doubles) }
        }
        let fd = Reference.gradient(at: logits.doubles, reference)
        #expect(isClose(gradient.doubles, fd, absolute: 1e-6, relative: 1e-4))
    }

    /// The fused gradient dL/dz through sigmoid against finite differences of BCE(sigmoid(z)):
    /// (p - t) / (batch * columns).
    @Test func fusedSigmoidGradient() {
        var rng = RandomGenerator(seed: 6)
        let logits = Tensor(shape: [Self.rows, Self.columns], scalars: Reference.random(Self.rows * Self.columns, -3, 3, &rng))
        let p = Tensor(shape: logits.shape, scalars: Reference.activate("sigmoid", logits.doubles, columns: Self.columns).map(Float.init))
        let t = Tensor(shape: logits.shape, scalars: (0..<logits.count).map { $0 % 3 == 0 ? 1 : 0 })
        let gradient = Tensor(zeros: p.shape)
        BinaryCrossEntropy().preActivationGradient(probabilities: p, targets: t, into: gradient)
        let fd = Reference.gradient(at: logits.doubles) { Self.binary(Reference.activate("sigmoid", $0, columns: Self.columns), t.doubles) }
        #expect(isClose(gradient.doubles, fd, absolute: 1e-6, relative: 1e-4))
    }

    /// Keras clips probabilities to [1e-7, 1 - 1e-7]: a confident wrong answer costs -ln(1e-7) = 16.118.
    @Test func probabilitiesAreClippedLikeKeras() {
        let p = Tensor(shape: [1, 2], scalars: [0, 1])
        let t = Tensor(shape: [1, 2], scalars: [1, 0])
        let cce = CategoricalCrossEntropy().compute(predictions: p, targets: t, gradient: Tensor(zeros: [1, 2]))
        #expect(abs(cce - 16.118_095) < 1e-3)
        let bce = BinaryCrossEntropy().compute(predictions: Tensor(shape: [1, 1], scalars: [0]),
                                               targets: Tensor(shape: [1, 1], scalars: [1]), gradient: nil)
        #expect(abs(bce - 16.118_095) < 1e-3)
        let sparse = SparseCategoricalCrossEntropy().compute(predictions: p, targets: Tensor(shape: [1, 1], scalars: [0]), gradient: nil)
        #expect(abs(sparse - 16.118_095) < 1e-3)
    }

    @Test func lossesByKerasId() throws {
        #expect(try Losses.named("mse").id == "mean_squared_error")
        #expect(try Losses.named("binary_crossentropy").id == "binary_crossentropy")
        #expect(try Losses.named("categorical_crossentropy").id == "categorical_crossentropy")
        #expect(try Losses.named("sparse_categorical_crossentropy").id == "sparse_categorical_crossentropy")
        #expect(throws: LayerError.self) { try Losses.named("hinge") }
    }
}
