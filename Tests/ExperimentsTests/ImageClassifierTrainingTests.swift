import Datasets
import Testing
import Tensors
@testable import Experiments
@testable import Layers

/// `ImageClassifierTraining` is the Keras pipeline it stands for: the same split, compile and fit
/// written out by hand give the same weights, and its figures are the history's last epoch.
@Suite struct ImageClassifierTrainingTests {
    /// 200 MNIST images with their labels.
    static func digits() throws -> (Tensor, [Int]) {
        let data = try SharedMNIST.subset()
        return (data.trainImages.rows(0..<200), Array(data.trainLabels[0..<200]))
    }

    @Test func testSizeSplitMatchesHandWrittenPipeline() throws {
        let (x, labels) = try Self.digits()
        var c = ImageClassifierTraining.Configuration()
        c.epochs = 2
        c.batchSize = 32
        c.seed = 3
        c.holdOut = .testSize(0.166)
        let model = try ImageClassifierTraining.model(id: "mlp", seed: 3)
        let result = try ImageClassifierTraining(configuration: c).run(model: model, images: x, labels: labels)

        let reference = try MLP.make(depth: 1, activation: .relu, seed: 3)
        try reference.compile(optimizer: Adam(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let split = try trainTestSplit(x, oneHot(labels, classes: 10), testSize: 0.166, seed: 3)
        #expect(split.xTest.rows == 34)  // ceil(0.166 * 200)
        let history = try reference.fit(x: split.xTrain, y: split.yTrain, epochs: 2, batchSize: 32,
                                        validationData: (split.xTest, split.yTest))
        #expect(model.weights.map(\.scalars) == reference.weights.map(\.scalars))
        #expect(result.history["val_accuracy"] == history["val_accuracy"])
        #expect(result.complete && result.history.epochs == 2)
        #expect(result.final["val_loss"] == history["val_loss"].last)
        #expect(result.final["accuracy"] == history["accuracy"].last)
    }

    @Test func validationSplitHoldsOutTheLastRows() throws {
        let (x, labels) = try Self.digits()
        var c = ImageClassifierTraining.Configuration()
        c.epochs = 1
        c.holdOut = .validationSplit(0.25)
        let model = try ImageClassifierTraining.model(id: "mlp", seed: 0)
        let result = try ImageClassifierTraining(configuration: c).run(model: model, images: x, labels: labels)
        // Accuracy on the last 50 rows, measured independently of fit's bookkeeping.
        let predictions = try model.predict(x.rows(150..<200))
        let correct = (0..<50).filter { i in
            let row = Array(predictions.scalars[(i * 10)..<(i * 10 + 10)])
            return row.firstIndex(of: row.max()!)! == labels[150 + i]
        }.count
        #expect(result.final["val_accuracy"] == Double(correct) / 50)
    }

    @Test func modelsByIDAndTheirImageLayout() throws {
        #expect(ImageClassifierTraining.layout(for: try ImageClassifierTraining.model(id: "digits-cnn", seed: 0)) == .channelsLast)
        #expect(ImageClassifierTraining.layout(for: try ImageClassifierTraining.model(id: "mlp", seed: 0)) == .flat)
        let deep = try ImageClassifierTraining.model(id: "deep-mlp", seed: 0)
        #expect(deep.layers.filter { $0 is Dense }.count == 7)
        #expect(throws: ExperimentError.self) { try ImageClassifierTraining.model(id: "cnn", seed: 0) }
    }

    @Test func labelOutsideTheClassesIsRefused() throws {
        let (x, labels) = try Self.digits()
        var bad = labels
        bad[7] = 10
        let model = try ImageClassifierTraining.model(id: "mlp", seed: 0)
        #expect(throws: ExperimentError.self) {
            try ImageClassifierTraining(configuration: .init()).run(model: model, images: x, labels: bad)
        }
    }
}
