import Activations
import Datasets
import Foundation
import Testing
@testable import Experiments
@testable import Layers

/// A small 784-64-10 relu network on 5,000 training images generalises to the real test set.
@Suite struct MNISTSubsetTrainingTests {
    @Test func reachesNinetyPercentOnTheTestSet() throws {
        let data = try SharedMNIST.subset()
        #expect(data.trainImages.rows == 5_000)
        let model = try MLP.make(hiddenUnits: 64, depth: 1, activation: ReLU(), seed: 1)
        try model.compile(optimizer: RMSprop(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let history = try model.fit(x: data.trainImages, y: oneHot(data.trainLabels, classes: 10),
                                    epochs: 4, batchSize: 64)
        #expect(history["loss"] == history["loss"].sorted(by: >), "training loss falls every epoch")
        let test = try model.evaluate(x: data.testImages, y: oneHot(data.testLabels, classes: 10))
        #expect(test["accuracy"]! > 0.9, "test accuracy \(test)")
        // Sparse labels give the same network the same figures.
        let sparse = try MLP.make(hiddenUnits: 64, depth: 1, activation: ReLU(), seed: 1)
        try sparse.compile(optimizer: RMSprop(), loss: SparseCategoricalCrossEntropy(), metrics: ["accuracy"])
        try sparse.fit(x: data.trainImages, y: labelColumn(data.trainLabels), epochs: 1, batchSize: 64)
        #expect(try sparse.evaluate(x: data.testImages, y: labelColumn(data.testLabels))["accuracy"]! > 0.85)
    }
}
