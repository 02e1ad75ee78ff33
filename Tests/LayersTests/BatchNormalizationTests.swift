import Testing
import Tensors
@testable import Layers

/// Batch normalisation: training-mode gradients through the batch statistics, the moving
/// statistics' update rule, and inference with them.
@Suite struct BatchNormalizationTests {
    @Test(arguments: [[3], [2, 3, 2]])
    func trainingGradientsMatchFiniteDifferences(_ shape: [Int]) throws {
        var rng = RandomGenerator(seed: 21)
        let bn = BatchNormalization()
        try bn.build(inputShape: shape, rng: &rng)
        let c = shape.last!, n = 4, count = n * shape.reduce(1, *)
        for j in 0..<c { bn.gamma.value[j] = rng.uniform(0.5, 1.5); bn.beta.value[j] = rng.uniform(-0.5, 0.5) }
        let x = Tensor(shape: [n] + shape, scalars: Reference.random(count, -2, 2, &rng))
        let u = Tensor(shape: [n] + shape, scalars: Reference.random(count, -1, 1, &rng))
        let (g64, b64) = (bn.gamma.value.doubles, bn.beta.value.doubles)
        func loss(_ x: [Double], _ g: [Double], _ b: [Double]) -> Double {
            zip(SpatialReference.batchNorm(x, channels: c, gamma: g, beta: b, epsilon: 1e-3), u.doubles).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let y = bn.forward(x, training: true)
        #expect(isClose(y.doubles, SpatialReference.batchNorm(x.doubles, channels: c, gamma: g64, beta: b64, epsilon: 1e-3), absolute: 1e-5))
        let dx = try #require(bn.backward(u, needInputGradient: true))
        #expect(isClose(bn.gamma.gradient.doubles, Reference.gradient(at: g64) { loss(x.doubles, $0, b64) }), "gamma")
        #expect(isClose(bn.beta.gradient.doubles, Reference.gradient(at: b64) { loss(x.doubles, g64, $0) }), "beta")
        #expect(isClose(dx.doubles, Reference.gradient(at: x.doubles) { loss($0, g64, b64) }), "input")
    }

    /// moving = 0.99 moving + 0.01 batch, with the biased variance: column [1, 3] has mean 2 and
    /// variance 1, so from (0, 1) the moving statistics become (0.02, 1).
    @Test func movingStatisticsUpdateAndInference() throws {
        var rng = RandomGenerator(seed: 0)
        let bn = BatchNormalization()
        try bn.build(inputShape: [2], rng: &rng)
        #expect(bn.parameters.map(\.name) == ["gamma", "beta"] && bn.state.map(\.name) == ["moving_mean", "moving_variance"])
        _ = bn.forward(Tensor(shape: [2, 2], scalars: [1, 10, 3, 14]), training: true)
        #expect(isClose(bn.movingMean.value.doubles, [0.02, 0.12], absolute: 1e-7))
        #expect(isClose(bn.movingVariance.value.doubles, [0.99 + 0.01 * 1, 0.99 + 0.01 * 4], absolute: 1e-6))
        // Inference: (x - moving mean) / sqrt(moving variance + 1e-3), one row alone.
        bn.movingMean.value[0] = 1; bn.movingVariance.value[0] = 4
        let y = bn.forward(Tensor(shape: [1, 2], scalars: [5, 0]), training: false)
        #expect(abs(Double(y[0]) - 4 / (4.001).squareRoot()) < 1e-6)
        #expect(bn.movingMean.value[0] == 1, "inference leaves the moving statistics alone")
        // After an inference pass the gradient is the fixed affine map's.
        let dx = try #require(bn.backward(Tensor(shape: [1, 2], scalars: [1, 1]), needInputGradient: true))
        #expect(abs(Double(dx[0]) - 1 / (4.001).squareRoot()) < 1e-6)
    }

    /// Large enough to be split over the cores: the parts' statistics merge to the exact ones.
    @Test func statisticsOfABatchSplitIntoParts() throws {
        var rng = RandomGenerator(seed: 9)
        let bn = BatchNormalization()
        try bn.build(inputShape: [16, 16], rng: &rng)
        let count = 300 * 16 * 16
        let x = Tensor(shape: [300, 16, 16], scalars: (0..<count).map { i in Float(i % 16) + rng.uniform(-1, 1) * Float(1 + i % 3) })
        let y = bn.forward(x, training: true)
        let reference = SpatialReference.batchNorm(x.doubles, channels: 16, gamma: Array(repeating: 1, count: 16),
                                                   beta: Array(repeating: 0, count: 16), epsilon: 1e-3)
        #expect(isClose(y.doubles, reference, absolute: 1e-4, relative: 1e-4))
        let rows = count / 16
        let means = (0..<16).map { j in (0..<rows).reduce(0.0) { $0 + Double(x[$1 * 16 + j]) } / Double(rows) }
        let variances = (0..<16).map { j in (0..<rows).reduce(0.0) { s, r in let d = Double(x[r * 16 + j]) - means[j]; return s + d * d } / Double(rows) }
        #expect(isClose(bn.movingMean.value.doubles, means.map { 0.01 * $0 }, absolute: 1e-6, relative: 1e-4))
        #expect(isClose(bn.movingVariance.value.doubles, variances.map { 0.99 + 0.01 * $0 }, absolute: 1e-6, relative: 1e-5))
    }

    @Test func kerasCountsAndBadArguments() throws {
        let plan = try BatchNormalization().plan(inputShape: [14, 14, 32])
        #expect(plan.trainableCount == 64 && plan.nonTrainableCount == 64 && plan.outputShape == [14, 14, 32])
        #expect(try BatchNormalization(axis: 3).plan(inputShape: [4, 4, 2]).trainableCount == 4)
        #expect(throws: LayerError.self) { try BatchNormalization(axis: 1, name: "bn").plan(inputShape: [4, 4, 2]) }
        #expect(throws: LayerError.self) { try BatchNormalization(momentum: 2, name: "bn").plan(inputShape: [4]) }
        #expect(throws: LayerError.self) { try BatchNormalization(epsilon: 0, name: "bn").plan(inputShape: [4]) }
    }
}
