import Activations
import Testing
import Tensors
@testable import Layers

@Suite struct MetricTests {
    static let p = Tensor(shape: [3, 3], scalars: [0.1, 0.7, 0.2,
                                                   0.5, 0.2, 0.3,
                                                   0.3, 0.3, 0.4])
    static let oneHot = Tensor(shape: [3, 3], scalars: [0, 1, 0,
                                                        0, 0, 1,
                                                        0, 0, 1])
    static let labels = Tensor(shape: [3, 1], scalars: [1, 2, 2])

    @Test func categoricalAndSparseAccuracy() {
        let c = CategoricalAccuracy(), s = SparseCategoricalAccuracy()
        c.update(predictions: Self.p, targets: Self.oneHot)
        s.update(predictions: Self.p, targets: Self.labels)
        // Rows 0 and 2 have their largest prediction at the target; row 1 does not.
        #expect(c.result == 2.0 / 3)
        #expect(s.result == 2.0 / 3)
        // A second batch accumulates: 1 of 1 right makes 3 of 4.
        c.update(predictions: Tensor(shape: [1, 3], scalars: [0, 0, 1]), targets: Tensor(shape: [1, 3], scalars: [0, 0, 1]))
        #expect(c.result == 0.75)
        c.reset()
        #expect(c.result == 0)
    }

    @Test func topKCountsTiesAtTheBoundaryAsIn() {
        let top2 = TopKCategoricalAccuracy(k: 2), sparse2 = SparseTopKCategoricalAccuracy(k: 2)
        top2.update(predictions: Self.p, targets: Self.oneHot)
        sparse2.update(predictions: Self.p, targets: Self.labels)
        // Row 1: target 0.3 is second largest (in); all rows in.
        #expect(top2.result == 1)
        #expect(sparse2.result == 1)
        let top1 = TopKCategoricalAccuracy(k: 1)
        // Row 2 of [0.3, 0.3, 0.4] with target 0: two values tie at 0.3 but 0.4 is larger -> out.
        top1.update(predictions: Self.p, targets: Tensor(shape: [3, 3], scalars: [0, 1, 0, 1, 0, 0, 1, 0, 0]))
        #expect(top1.result == 2.0 / 3)
        let tie = TopKCategoricalAccuracy(k: 1)
        tie.update(predictions: Tensor(shape: [1, 3], scalars: [0.4, 0.4, 0.2]), targets: Tensor(shape: [1, 3], scalars: [0, 1, 0]))
        #expect(tie.result == 1, "a tie with the largest value counts as in the top 1")
        #expect(TopKCategoricalAccuracy(name: "top").k == 5, "Keras default k")
    }

    @Test func binaryAccuracyComparesThresholdedPredictionsWithTargets() {
        let m = BinaryAccuracy()
        m.update(predictions: Tensor(shape: [2, 2], scalars: [0.6, 0.4, 0.5, 0.9]),
                 targets: Tensor(shape: [2, 2], scalars: [1, 0, 1, 0.7]))
        // 0.6 -> 1 = 1 yes; 0.4 -> 0 = 0 yes; 0.5 -> 0 (not > 0.5) != 1; 0.9 -> 1 != 0.7 (soft targets never match).
        #expect(m.result == 0.5)
        let strict = BinaryAccuracy(threshold: 0.95)
        strict.update(predictions: Tensor(shape: [1, 1], scalars: [0.9]), targets: Tensor(shape: [1, 1], scalars: [0]))
        #expect(strict.result == 1)
    }

    @Test func meanSquaredAndAbsoluteError() {
        let mse = MeanSquaredErrorMetric(), mae = MeanAbsoluteErrorMetric()
        let p = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), t = Tensor(shape: [2, 2], scalars: [0, 2, 5, 3])
        mse.update(predictions: p, targets: t)
        mae.update(predictions: p, targets: t)
        #expect(mse.result == (1 + 0 + 4 + 1) / 4.0)
        #expect(mae.result == (1 + 0 + 2 + 1) / 4.0)
        // Weighted by elements across batches, as Keras's running mean over samples of equal width.
        mae.update(predictions: Tensor(shape: [1, 2], scalars: [0, 0]), targets: Tensor(shape: [1, 2], scalars: [6, 0]))
        #expect(mae.result == 10.0 / 6)
    }

    @Test func accuracyResolvesFromTheLossAndOutputLikeKeras() throws {
        #expect(try Metrics.named("accuracy", loss: CategoricalCrossEntropy(), outputShape: [10]) is CategoricalAccuracy)
        #expect(try Metrics.named("acc", loss: SparseCategoricalCrossEntropy(), outputShape: [10]) is SparseCategoricalAccuracy)
        #expect(try Metrics.named("accuracy", loss: BinaryCrossEntropy(), outputShape: [3]) is BinaryAccuracy)
        #expect(try Metrics.named("accuracy", loss: MeanSquaredError(), outputShape: [1]) is BinaryAccuracy)
        #expect(try Metrics.named("accuracy", loss: MeanSquaredError(), outputShape: [4]) is CategoricalAccuracy)
        // The key is the name the user passed (Keras 3).
        #expect(try Metrics.named("acc", loss: BinaryCrossEntropy(), outputShape: [1]).name == "acc")
        #expect(try Metrics.named("mae", loss: MeanSquaredError(), outputShape: [1]).name == "mae")
        #expect(try Metrics.named("mean_absolute_error", loss: MeanSquaredError(), outputShape: [1]) is MeanAbsoluteErrorMetric)
    }

    @Test func unknownOrMismatchedMetricsFailInOneLine() {
        let model = Sequential { Dense(3, activation: Softmax(), inputShape: [2]) }
        let unknown = errorMessage { try model.compile(optimizer: "sgd", loss: "categorical_crossentropy", metrics: ["f1"]) }
        #expect(unknown.contains("unknown metric 'f1'; valid metrics: accuracy, binary_accuracy"))
        #expect(unknown.contains("mae") && !unknown.contains("\n"))
        let sparse = errorMessage { try model.compile(optimizer: "sgd", loss: "categorical_crossentropy", metrics: ["sparse_categorical_accuracy"]) }
        #expect(sparse.contains("reads integer class labels"))
        let dense = errorMessage { try model.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["categorical_accuracy"]) }
        #expect(dense.contains("takes integer class labels"))
    }

    /// fit's running accuracy is the metric over every batch of the epoch.
    @Test func fitReportsTheMetricOverTheEpoch() throws {
        let x = Tensor(shape: [4, 2], scalars: [1, 0, 0, 1, 1, 0, 0, 1])
        let y = Tensor(shape: [4, 1], scalars: [0, 1, 1, 1])
        let model = Sequential { Dense(2, activation: Softmax(), inputShape: [2]) }
        try model.compile(optimizer: SGD(learningRate: 0), loss: SparseCategoricalCrossEntropy(), metrics: ["accuracy", "sparse_top_k_categorical_accuracy"])
        let p = try model.predict(x)
        let expected = Double((0..<4).filter { (p[$0, 1] > p[$0, 0] ? 1 : 0) == Int(y[$0]) }.count) / 4
        let h = try model.fit(x: x, y: y, epochs: 1, batchSize: 3, shuffle: false)
        #expect(h["accuracy"] == [expected])
        #expect(h["sparse_top_k_categorical_accuracy"] == [1])
        #expect(try model.evaluate(x: x, y: y)["accuracy"] == expected)
    }
}

func errorMessage(_ body: () throws -> Void) -> String {
    do { try body() } catch { return "\(error)" }
    return ""
}
