import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

@Suite struct KernelInitializerTests {
    static func draw(_ i: VarianceScaling, fanIn: Int = 400, fanOut: Int = 300) -> [Double] {
        var rng = RandomGenerator(seed: 3)
        let w = Tensor(zeros: [fanIn, fanOut])
        i.fill(w, fanIn: fanIn, fanOut: fanOut, rng: &rng)
        return w.scalars.map(Double.init)
    }

    static func variance(_ v: [Double]) -> Double {
        let m = v.reduce(0, +) / Double(v.count)
        return v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)
    }

    /// Keras's variance targets: scale / fan, fan_avg = (400 + 300) / 2; 120,000 draws put the
    /// sample variance within 2% of it.
    static let targets: [(VarianceScaling, Double)] = [
        (VarianceScaling.glorotUniform, 1.0 / 350), (VarianceScaling.glorotNormal, 1.0 / 350),
        (VarianceScaling.heUniform, 2.0 / 400), (VarianceScaling.heNormal, 2.0 / 400),
        (VarianceScaling.lecunUniform, 1.0 / 400), (VarianceScaling.lecunNormal, 1.0 / 400),
    ]

    @Test(arguments: Self.targets) func varianceMatchesKeras(initializer: VarianceScaling, target: Double) {
        let v = Self.draw(initializer)
        #expect(abs(Self.variance(v) / target - 1) < 0.02, "\(initializer.id): \(Self.variance(v)) vs \(target)")
        let bound = initializer.distribution == .uniform
            ? (3 * target).squareRoot() : 2 * target.squareRoot() / VarianceScaling.truncatedStandardDeviation
        #expect(v.allSatisfy { abs($0) <= bound * (1 + 1e-6) }, "\(initializer.id) draws beyond its bound")
    }

    /// The default keeps the weights Dense drew before initializers were configurable.
    @Test func defaultIsTheOriginalGlorotUniform() throws {
        let m = Sequential(seed: 9) { Dense(7, inputShape: [5]) }
        try m.build()
        var rng = RandomGenerator(seed: 9)
        let w = Tensor(zeros: [5, 7])
        let limit = (6 / Float(5 + 7)).squareRoot()
        w.fillUniform(-limit, limit, using: &rng)
        #expect((m.layers[0] as! Dense).kernel.value.scalars == w.scalars)
    }

    @Test func modelFileRoundTripsTheInitializer() throws {
        let m = try Sequential(seed: 1) {
            try Dense(4, activation: "selu", kernelInitializer: "lecun_normal", inputShape: [3])
            Dense(2, activation: .softmax)
        }
        try m.build()
        let data = try m.serialized()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"kernel_initializer\":\"lecun_normal\"") || text.contains("\"kernel_initializer\" : \"lecun_normal\""))
        let loaded = try Sequential.deserialize(data, source: "m.json")
        #expect((loaded.layers[0] as! Dense).kernelInitializer.id == "lecun_normal")
        #expect((loaded.layers[1] as! Dense).kernelInitializer.id == "glorot_uniform", "absent key: the default")
        #expect(try loaded.serialized() == data)
    }

    @Test func unknownInitializerIsOneLine() throws {
        #expect(throws: LayerError.self) { try Dense(4, activation: "relu", kernelInitializer: "zeros_please") }
        let m = try Sequential { try Dense(4, activation: "relu", kernelInitializer: "he_normal", inputShape: [3]) }
        try m.build()
        let text = String(decoding: try m.serialized(), as: UTF8.self).replacingOccurrences(of: "he_normal", with: "bogus")
        do {
            _ = try Sequential.deserialize(Data(text.utf8), source: "m.json")
            Issue.record("an unknown initializer loaded")
        } catch {
            let message = "\(error)"
            #expect(message.contains("unknown kernel initializer 'bogus'") && !message.contains("\n"), "\(message)")
        }
    }
}
