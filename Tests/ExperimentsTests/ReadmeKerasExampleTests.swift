import Activations
import Datasets
import Layers
import Testing

/// The README's "Keras next to Swift" snippet, line for line, on the shared MNIST subset.
@Suite struct ReadmeKerasExampleTests {
    @Test func snippetTrainsAndEvaluates() throws {
        let mnist = try SharedMNIST.subset()
        let y = oneHot(mnist.trainLabels, classes: 10)
        let yTest = oneHot(mnist.testLabels, classes: 10)

        let model = Sequential {
            Dense(512, activation: .relu, inputShape: [784])
            Dense(10, activation: .softmax)
        }
        #expect(try model.summary().contains("Total params: 407,050"))
        try model.compile(optimizer: RMSprop(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let history = try model.fit(x: mnist.trainImages, y: y, epochs: 2, batchSize: 128,
                                    validationData: (mnist.testImages, yTest))
        let result = try model.evaluate(x: mnist.testImages, y: yTest)
        let (loss, accuracy) = (result["loss"]!, result["accuracy"]!)
        #expect(history["val_accuracy"].last == accuracy)
        #expect(accuracy > 0.85, "two epochs on 5,000 digits: \(accuracy)")
        #expect(loss < 0.6)
    }
}
