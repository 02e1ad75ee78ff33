import Datasets
import Layers
import Testing
@testable import Experiments

@Suite struct DepthExperimentTests {
    static let tiny = Result { try MNIST.load(directory: SharedMNIST.directory, limitTrain: 512, limitTest: 100) }

    @Test func seluGetsLecunNormalTheOthersKerasDefault() throws {
        let e = DepthExperiment()
        #expect(e.configuration.activations == ["sigmoid", "tanh", "relu", "selu", "elu"] && e.configuration.depth == 10)
        let selu = try e.model(activation: "selu")
        let relu = try e.model(activation: "relu")
        #expect(selu.layers.count == 11)
        #expect(selu.layers.prefix(10).allSatisfy { ($0 as! Dense).kernelInitializer.id == "lecun_normal" })
        #expect(relu.layers.prefix(10).allSatisfy { ($0 as! Dense).kernelInitializer.id == "glorot_uniform" })
    }

    @Test func badConfigurationsFailBeforeTraining() {
        var c = DepthExperiment.Configuration()
        c.depth = 0
        #expect(throws: ExperimentError.self) { try DepthExperiment(configuration: c).validate() }
        c = DepthExperiment.Configuration()
        c.activations = ["relux"]
        #expect(throws: (any Error).self) { try DepthExperiment(configuration: c).validate() }
    }

    /// Sigmoid's slope is at most 1/4, so its gradient shrinks layer by layer towards the input;
    /// ReLU's does not. Measured on a short run, the difference is orders of magnitude.
    @Test func sigmoidGradientsVanishTowardsTheInput() throws {
        var c = DepthExperiment.Configuration()
        c.activations = ["sigmoid", "relu"]
        c.depth = 6
        c.hiddenUnits = 32
        c.epochs = 1
        c.batchSize = 64
        let runs = try DepthExperiment(configuration: c).run(data: Self.tiny.get())
        #expect(runs.map(\.activation) == ["sigmoid", "relu"])
        for r in runs {
            #expect(r.gradientNorms.count == 1 && r.gradientNorms[0].count == 7, "six hidden layers and the output")
            #expect(r.gradientNorms[0].allSatisfy { $0 > 0 && $0.isFinite })
            #expect(r.deadFractions.count == 7)
        }
        let (sigmoid, relu) = (runs[0].firstToLastHiddenRatio(epoch: 0), runs[1].firstToLastHiddenRatio(epoch: 0))
        #expect(sigmoid < 0.05, "sigmoid layer 1 / layer 6 = \(sigmoid)")
        #expect(sigmoid * 20 < relu, "sigmoid \(sigmoid) vs relu \(relu)")
        #expect(runs[0].saturatedFractions[0] != nil && runs[1].saturatedFractions[0] == nil)
    }
}
