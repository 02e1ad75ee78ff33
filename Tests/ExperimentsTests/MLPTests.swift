import Activations
import Testing
@testable import Experiments
import Layers

@Suite struct MLPTests {
    @Test func experimentANetworks() throws {
        let shallow = try MLP.make(depth: 1, activation: ReLU())
        try shallow.build()
        #expect(shallow.parameterCount == 407_050)
        #expect(shallow.name == "mlp_relu_1")
        let deep = try MLP.make(depth: 6, activation: Sigmoid())
        try deep.build()
        #expect(deep.parameterCount == 1_720_330)
        #expect(deep.layers.count == 7)
        #expect((deep.layers.last as? Dense)?.activation is Softmax)
        #expect(deep.layers.dropLast().allSatisfy { ($0 as? Dense)?.activation is Sigmoid })
    }

    @Test func depthMustBePositive() {
        #expect(throws: ExperimentError.self) { try MLP.make(depth: 0, activation: ReLU()) }
    }

    /// 784-512-10: the first layer costs forward and weight-gradient products (2 * 2 * 401,408 flops),
    /// the second also its input gradient (2 * 3 * 5,120): 1,636,352 flops per sample.
    @Test func trainingFlops() throws {
        let model = try MLP.make(depth: 1, activation: ReLU())
        try model.build()
        #expect(MLP.trainingFlopsPerSample(model) == 1_636_352)
    }

    @Test func publishedFigures() {
        #expect(PublishedResults.mnistMLP(activation: "relu", depth: 1) == 0.982)
        #expect(PublishedResults.mnistMLP(activation: "linear", depth: 6) == 0.877)
        #expect(PublishedResults.mnistMLP(activation: "tanh", depth: 6) == nil)
    }
}
