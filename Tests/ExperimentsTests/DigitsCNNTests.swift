import Activations
import Datasets
import Testing
import Tensors
@testable import Experiments
@testable import Layers

/// The article's CNN has Keras's shapes and counts, and a small CNN learns MNIST digits.
@Suite struct DigitsCNNTests {
    /// Keras's `model.summary()` of the article's network, layer by layer.
    @Test func kerasShapesAndCounts() throws {
        let model = DigitsCNN.make()
        let expected: [(String, [Int], Int)] = [
            ("Conv2D", [28, 28, 32], 320), ("BatchNormalization", [28, 28, 32], 128), ("Activation", [28, 28, 32], 0),
            ("MaxPooling2D", [14, 14, 32], 0), ("Dropout", [14, 14, 32], 0),
            ("Conv2D", [14, 14, 64], 18_496), ("BatchNormalization", [14, 14, 64], 256), ("Activation", [14, 14, 64], 0),
            ("MaxPooling2D", [7, 7, 64], 0), ("Dropout", [7, 7, 64], 0),
            ("Conv2D", [7, 7, 128], 73_856), ("BatchNormalization", [7, 7, 128], 512), ("Activation", [7, 7, 128], 0),
            ("MaxPooling2D", [4, 4, 128], 0), ("Dropout", [4, 4, 128], 0),
            ("Flatten", [2048], 0), ("Dense", [120], 245_880), ("BatchNormalization", [120], 480), ("Activation", [120], 0),
            ("Dropout", [120], 0), ("Dense", [40], 4_840), ("BatchNormalization", [40], 160), ("Activation", [40], 0),
            ("Dropout", [40], 0), ("Dense", [10], 410),
        ]
        let shown = zip(model.layers, try model.plans()).filter { !$0.0.isInputDeclaration }
        #expect(shown.map { $0.0.typeName } == expected.map(\.0))
        #expect(shown.map { $0.1.outputShape } == expected.map(\.1))
        #expect(shown.map { $0.1.totalCount! } == expected.map(\.2))
        #expect(try model.parameterCounts() == (344_570, 768))
        let summary = try model.summary()
        #expect(summary.contains("Total params: 345,338") && summary.contains("Non-trainable params: 768"))
        try model.build()
        #expect(model.parameterCount == 345_338)
    }

    /// A small CNN (8 filters, stride 2, pooling) on 2,000 training images for one
    /// epoch: well above the 10% of chance on 1,000 test images (PyTorch, same net and data: about 0.69).
    @Test func smallCNNLearnsDigits() throws {
        let data = try SharedMNIST.subset()
        let n = 2_000
        let x = try data.trainImages.rows(0..<n).reshaped([n, 28, 28, 1])
        let model = Sequential(seed: 1) {
            Input(shape: [28, 28, 1])
            Conv2D(8, 3, strides: 2, activation: .relu)
            MaxPooling2D(poolSize: 2, padding: .same)
            Flatten()
            Dense(10, activation: .softmax)
        }
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"])
        try model.fit(x: x, y: oneHot(Array(data.trainLabels.prefix(n)), classes: 10), epochs: 1, batchSize: 16)
        let test = try data.testImages.rows(0..<1_000).reshaped([1_000, 28, 28, 1])
        let result = try model.evaluate(x: test, y: oneHot(Array(data.testLabels.prefix(1_000)), classes: 10))
        let accuracy = try #require(result["accuracy"])
        #expect(accuracy > 0.5, "test accuracy \(accuracy)")
    }
}
