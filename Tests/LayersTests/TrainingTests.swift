import Activations
import Testing
import Tensors
@testable import Layers

@Suite struct TrainingTests {
    static func classifier(seed: UInt64) -> Sequential {
        Sequential(seed: seed) {
            Dense(8, activation: Tanh(), inputShape: [2])
            Dense(2, activation: Softmax())
        }
    }

    /// Two well separated blobs: the Bayes accuracy is about 0.98.
    @Test func fitsTwoBlobsWithSoftmax() throws {
        let train = Blobs(count: 400, seed: 1), test = Blobs(count: 200, seed: 2)
        let model = Self.classifier(seed: 3)
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let history = try model.fit(x: train.x, y: train.oneHotTargets, epochs: 10, batchSize: 16)
        #expect(history.epochs == 10)
        #expect(history["loss"].last! < history["loss"].first!)
        let result = try model.evaluate(x: test.x, y: test.oneHotTargets)
        #expect(result["accuracy"]! > 0.95)
        let p = try model.predict(test.x, batchSize: 64)
        #expect(p.shape == [200, 2])
        #expect((0..<200).allSatisfy { abs(p[$0, 0] + p[$0, 1] - 1) < 1e-5 })
        let predicted = (0..<200).map { p[$0, 1] > p[$0, 0] ? 1 : 0 }
        let agree = zip(predicted, test.labels).filter { $0 == $1 }.count
        #expect(abs(Double(agree) / 200 - result["accuracy"]!) < 1e-9)
    }

    @Test func fitsTwoBlobsWithSigmoidAndBinaryCrossEntropy() throws {
        let train = Blobs(count: 400, seed: 4), test = Blobs(count: 200, seed: 5)
        let model = Sequential(seed: 6) {
            Dense(8, activation: ReLU(), inputShape: [2])
            Dense(1, activation: Sigmoid())
        }
        try model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"])
        try model.fit(x: train.x, y: train.binaryTargets, epochs: 10, batchSize: 16)
        #expect(try model.evaluate(x: test.x, y: test.binaryTargets)["accuracy"]! > 0.95)
    }

    /// XOR of the signs of two coordinates needs the hidden non-linearity.
    @Test func learnsXorWithSparseLabels() throws {
        var rng = RandomGenerator(seed: 9)
        let n = 512
        let points = (0..<(2 * n)).map { _ in rng.uniform(-1, 1) }
        let labels = (0..<n).map { (points[2 * $0] > 0) != (points[2 * $0 + 1] > 0) ? 1 : 0 }
        let x = Tensor(shape: [n, 2], scalars: points)
        let y = Tensor(shape: [n, 1], scalars: labels.map(Float.init))
        let model = Sequential(seed: 2) {
            Dense(16, activation: ReLU(), inputShape: [2])
            Dense(2, activation: Softmax())
        }
        try model.compile(optimizer: Adam(learningRate: 0.02), loss: SparseCategoricalCrossEntropy(), metrics: ["accuracy"])
        let history = try model.fit(x: x, y: y, epochs: 40, batchSize: 32)
        #expect(history["accuracy"].last! > 0.9)
    }

    @Test func sameSeedTrainsIdenticalWeights() throws {
        let data = Blobs(count: 64, seed: 1)
        func train(seed: UInt64) throws -> [[Float]] {
            let model = Self.classifier(seed: seed)
            try model.compile(optimizer: RMSprop(), loss: CategoricalCrossEntropy())
            try model.fit(x: data.x, y: data.oneHotTargets, epochs: 3, batchSize: 8)
            return model.weights.map(\.scalars)
        }
        let a = try train(seed: 5), b = try train(seed: 5), c = try train(seed: 6)
        #expect(a == b)
        #expect(a != c)
    }

    /// Keras holds out the last rows: fitting 12 rows with split 0.25 trains exactly as fitting the
    /// first 9, and validates on the last 3.
    @Test func validationSplitHoldsOutTheLastRows() throws {
        let data = Blobs(count: 12, seed: 8)
        let y = data.oneHotTargets
        let split = Self.classifier(seed: 1), plain = Self.classifier(seed: 1)
        try split.compile(optimizer: SGD(learningRate: 0.1), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        try plain.compile(optimizer: SGD(learningRate: 0.1), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let h = try split.fit(x: data.x, y: y, epochs: 2, batchSize: 4, validationSplit: 0.25)
        try plain.fit(x: data.x.rows(0..<9), y: y.rows(0..<9), epochs: 2, batchSize: 4)
        #expect(split.weights.map(\.scalars) == plain.weights.map(\.scalars))
        let held = try split.evaluate(x: data.x.rows(9..<12), y: y.rows(9..<12))
        #expect(h["val_loss"].count == 2)
        #expect(abs(h["val_loss"][1] - held["loss"]!) < 1e-9)
        #expect(abs(h["val_accuracy"][1] - held["accuracy"]!) < 1e-9)
    }

    @Test func validationDataIsReportedEachEpoch() throws {
        let train = Blobs(count: 40, seed: 1), val = Blobs(count: 10, seed: 2)
        let model = Self.classifier(seed: 0)
        try model.compile(optimizer: Adam(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        var lines = [String]()
        let h = try model.fit(x: train.x, y: train.oneHotTargets, epochs: 2, batchSize: 10,
                              validationData: (val.x, val.oneHotTargets),
                              callbacks: [ProgressBar(mode: .linePerEpoch, write: { lines.append($0) })])
        #expect(h["val_accuracy"].count == 2)
        #expect(lines.first == "Epoch 1/2\n")
        #expect(lines.count == 4)
        // Keras 2 style: samples seen out of the epoch's samples.
        #expect(lines[1].hasPrefix("40/40 ━━━━━━━━━━━━━━━━━━━━ "), "\(lines[1])")
        #expect(lines[1].contains(" - val_accuracy: "))
        #expect(lines[1].contains(String(format: " - loss: %.4f", h["loss"][0])))
    }

    /// The bar redraws in place: every write but the epoch heading starts with a carriage return,
    /// and the last one ends the epoch's line.
    @Test func barModeRedrawsInPlace() throws {
        let data = Blobs(count: 20, seed: 1)
        let model = Self.classifier(seed: 0)
        try model.compile(optimizer: Adam(), loss: CategoricalCrossEntropy())
        var lines = [String]()
        try model.fit(x: data.x, y: data.oneHotTargets, epochs: 1, batchSize: 5,
                      callbacks: [ProgressBar(mode: .bar, write: { lines.append($0) })])
        #expect(lines.first == "Epoch 1/1\n")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("\r") })
        #expect(lines.last!.hasPrefix("\r20/20 ━━━━━━━━━━━━━━━━━━━━ ") && lines.last!.hasSuffix("\u{1B}[K\n"))
        #expect(!lines.last!.contains("accuracy"), "no metrics asked for, none shown")
    }

    /// Keras's default `metrics: []`: a regression fit reports the loss and nothing else.
    @Test func regressionHistoryHasNoAccuracy() throws {
        let data = Blobs(count: 20, seed: 1)
        let model = Sequential(seed: 1) { Dense(1, inputShape: [2]) }
        try model.compile(optimizer: SGD(), loss: MeanSquaredError())
        let h = try model.fit(x: data.x, y: data.binaryTargets, epochs: 2, batchSize: 5, validationSplit: 0.25)
        #expect(h.keys == ["loss", "val_loss"])
        #expect(try model.evaluate(x: data.x, y: data.binaryTargets).keys.sorted() == ["loss"])
        try model.compile(optimizer: SGD(), loss: MeanSquaredError(), metrics: ["mae", "mean_squared_error"])
        let keyed = try model.fit(x: data.x, y: data.binaryTargets, epochs: 1, batchSize: 5)
        #expect(keyed.keys == ["loss", "mae", "mean_squared_error"])
        // With the mse loss, the mse metric is the same running mean as the loss.
        #expect(abs(keyed["mean_squared_error"][0] - keyed["loss"][0]) < 1e-6)
    }
}
