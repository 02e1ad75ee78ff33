import Testing
import Tensors
@testable import Layers

/// Three steps on one scalar parameter w = 1 with gradients 0.5, -0.25, 1; the expected weights
/// were worked out by hand from each optimizer's Keras update rule.
@Suite struct OptimizerStepTests {
    static let gradients: [Float] = [0.5, -0.25, 1]

    func trajectory(_ optimizer: any Optimizer, gradients: [Float] = gradients) -> [Float] {
        let p = Parameter(name: "w", value: Tensor(shape: [1], scalars: [1]))
        return gradients.map { g in
            p.gradient[0] = g
            optimizer.update([p])
            return p.value[0]
        }
    }

    func expectClose(_ got: [Float], _ expected: [Double], _ what: String) {
        #expect(isClose(got.map(Double.init), expected, absolute: 2e-6, relative: 0), "\(what): \(got)")
    }

    /// w -= 0.1 g: 0.95, 0.975, 0.875.
    @Test func plainSGD() {
        expectClose(trajectory(SGD(learningRate: 0.1)), [0.95, 0.975, 0.875], "sgd")
    }

    /// v = 0.9 v - 0.1 g; w += v: v = -0.05, -0.02, -0.118.
    @Test func momentumSGD() {
        expectClose(trajectory(SGD(learningRate: 0.1, momentum: 0.9)), [0.95, 0.93, 0.812], "momentum")
    }

    /// w += 0.9 v - 0.1 g with the new v: 1 - 0.045 - 0.05; + (-0.018 + 0.025); + (-0.1062 - 0.1).
    @Test func nesterovSGD() {
        expectClose(trajectory(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)), [0.905, 0.912, 0.7058], "nesterov")
    }

    /// v = 0.9 v + 0.1 g^2 = 0.025, 0.02875, 0.1258750; w -= 0.01 g / sqrt(v + 1e-7).
    @Test func rmsprop() {
        expectClose(trajectory(RMSprop(learningRate: 0.01, rho: 0.9, epsilon: 1e-7)),
                    [0.968_377_287, 0.983_121_457, 0.954_935_675], "rmsprop")
    }

    /// Tiny gradients 1e-4, -2e-5, 5e-5 show where epsilon goes: v = 1e-9, 9.4e-10, 1.096e-9.
    /// Inside the root (Keras 3): w -= 0.01 g / sqrt(v + 1e-7), the first step 0.01 * 1e-4 / 3.178e-4.
    @Test func rmspropEpsilonInsideTheRoot() {
        let rms = RMSprop(learningRate: 0.01, rho: 0.9, epsilon: 1e-7)
        #expect(rms.epsilonPlacement == .insideSquareRoot)
        expectClose(trajectory(rms, gradients: [1e-4, -2e-5, 5e-5]), [0.996_853_416, 0.997_482_920, 0.995_910_375], "inside")
    }

    /// Outside the root (Keras 2, PyTorch): w -= 0.01 g / (sqrt(v) + 1e-7), the first step 0.01 * 1e-4 / 3.172e-5.
    @Test func rmspropEpsilonOutsideTheRoot() {
        let rms = RMSprop(learningRate: 0.01, rho: 0.9, epsilon: 1e-7, epsilonPlacement: .outsideSquareRoot)
        expectClose(trajectory(rms, gradients: [1e-4, -2e-5, 5e-5]), [0.968_476_908, 0.974_978_981, 0.959_921_412], "outside")
    }

    /// m = 0.05, -0.02, 0.082; v = 2.5e-4, 3.1225e-4, 1.311932e-3;
    /// w -= 0.01 sqrt(1 - 0.999^t) / (1 - 0.9^t) m / (sqrt(v) + 1e-7). The first step is 0.01 (Adam moves lr * sign g).
    @Test func adam() {
        expectClose(trajectory(Adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)),
                    [0.990_000_063, 0.987_336_708, 0.980_755_610], "adam")
    }

    /// Each parameter keeps its own state: two parameters stepped together move as if stepped alone.
    @Test(arguments: ["sgd", "rmsprop", "adam"])
    func stateIsPerParameter(_ id: String) throws {
        let optimizer = try Optimizers.named(id)
        if let sgd = optimizer as? SGD { #expect(sgd.momentum == 0) }
        let a = Parameter(name: "a", value: Tensor(shape: [2], scalars: [1, -1]))
        let b = Parameter(name: "b", value: Tensor(shape: [1], scalars: [3]))
        let alone = Parameter(name: "alone", value: Tensor(shape: [1], scalars: [3]))
        let reference = try Optimizers.named(id)
        for step in 0..<3 {
            a.gradient[0] = Float(step) + 0.5
            a.gradient[1] = -2
            b.gradient[0] = 0.1 * Float(step + 1)
            alone.gradient[0] = b.gradient[0]
            optimizer.update([a, b])
            reference.update([alone])
        }
        #expect(b.value[0] == alone.value[0])
        #expect(a.value[0] < 1 && a.value[1] > -1)
    }

    @Test func kerasDefaults() throws {
        #expect(try Optimizers.named("sgd").learningRate == 0.01)
        #expect(try Optimizers.named("rmsprop").learningRate == 0.001)
        #expect(try Optimizers.named("adam").learningRate == 0.001)
        #expect(try Optimizers.named("Adam", learningRate: 0.04).learningRate == 0.04)
        let r = RMSprop()
        #expect(r.rho == 0.9 && r.epsilon == 1e-7)
        let a = Adam()
        #expect(a.beta1 == 0.9 && a.beta2 == 0.999 && a.epsilon == 1e-7)
        #expect(throws: LayerError.self) { try Optimizers.named("adagrad") }
    }
}
