import Activations
import Testing
import Tensors
@testable import Layers

/// Bad models and bad data fail with errors that say what is wrong and where.
@Suite struct TrainingErrorTests {
    static func compiled() throws -> Sequential {
        let model = Sequential {
            Dense(4, activation: ReLU(), inputShape: [3], name: "hidden")
            Dense(2, activation: Softmax(), name: "classifier")
        }
        try model.compile(optimizer: SGD(), loss: CategoricalCrossEntropy())
        return model
    }

    static let x = Tensor(zeros: [5, 3])
    static let y = Tensor(shape: [5, 2], scalars: [1, 0, 0, 1, 1, 0, 0, 1, 1, 0])

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test func inputShapeMismatchNamesTheFirstLayer() throws {
        let model = try Self.compiled()
        #expect(throws: LayerError.shapeMismatch(layer: "hidden", expected: "per-sample shape [3] (training data)", got: [4])) {
            try model.fit(x: Tensor(zeros: [5, 4]), y: Self.y)
        }
        #expect(message { _ = try model.predict(Tensor(zeros: [2, 7])) }.contains("layer 'hidden'"))
    }

    @Test func targetShapeMismatchNamesTheLastLayer() throws {
        let model = try Self.compiled()
        let text = message { try model.fit(x: Self.x, y: Tensor(zeros: [5, 3])) }
        #expect(text.contains("layer 'classifier'"), "\(text)")
        #expect(text.contains("[3]"))
    }

    @Test func rowCountMismatch() throws {
        let model = try Self.compiled()
        let text = message { try model.fit(x: Tensor(zeros: [4, 3]), y: Self.y) }
        #expect(text.contains("4 input rows but 5 target rows"), "\(text)")
        #expect(message { _ = try model.evaluate(x: Tensor(zeros: [4, 3]), y: Self.y) }.contains("4 input rows"))
    }

    @Test func nonFiniteInputsNameRowAndColumn() throws {
        let model = try Self.compiled()
        let x = Tensor(zeros: [5, 3])
        x[3, 2] = .nan
        let text = message { try model.fit(x: x, y: Self.y) }
        #expect(text.contains("row 3, column 2"), "\(text)")
        x[3, 2] = 0
        x[1, 0] = -.infinity
        #expect(message { _ = try model.predict(x) }.contains("row 1, column 0"))
    }

    @Test func nonFiniteTargetsNameTheRow() throws {
        let model = try Self.compiled()
        let y = Self.y.copy()
        y[4, 1] = .infinity
        let text = message { try model.fit(x: Self.x, y: y) }
        #expect(text.contains("row 4"), "\(text)")
    }

    @Test func sparseLabelsMustBeClassIndices() throws {
        let model = Sequential { Dense(3, activation: Softmax(), inputShape: [2]) }
        try model.compile(optimizer: SGD(), loss: SparseCategoricalCrossEntropy())
        let text = message { try model.fit(x: Tensor(zeros: [2, 2]), y: Tensor(shape: [2, 1], scalars: [1, 3])) }
        #expect(text.contains("label 3.0 at row 1"), "\(text)")
        #expect(message { try model.fit(x: Tensor(zeros: [1, 2]), y: Tensor(shape: [1, 1], scalars: [0.5])) }
            .contains("row 0"))
    }

    @Test(arguments: [0, -1])
    func nonPositiveEpochsOrBatchSize(_ value: Int) throws {
        let model = try Self.compiled()
        #expect(message { try model.fit(x: Self.x, y: Self.y, epochs: value) }.contains("epochs must be positive"))
        #expect(message { try model.fit(x: Self.x, y: Self.y, batchSize: value) }.contains("batch size must be positive"))
    }

    @Test(arguments: [-0.1, 1.0, 1.5, Double.nan])
    func validationSplitOutOfRange(_ split: Double) throws {
        let model = try Self.compiled()
        #expect(message { try model.fit(x: Self.x, y: Self.y, validationSplit: split) }.contains("validation split"))
    }

    @Test func validationSplitThatLeavesNoRows() throws {
        let model = try Self.compiled()
        // 5 rows * 0.1 holds out none.
        #expect(message { try model.fit(x: Self.x, y: Self.y, validationSplit: 0.1) }.contains("leaves no rows"))
    }

    @Test func uncompiledModel() {
        let model = Sequential { Dense(2, inputShape: [3]) }
        #expect(throws: LayerError.notCompiled) { try model.fit(x: Self.x, y: Self.y) }
        #expect(throws: LayerError.notCompiled) { _ = try model.evaluate(x: Self.x, y: Self.y) }
    }

    @Test func emptyModelAndMissingInputShape() {
        #expect(throws: LayerError.emptyModel) { try Sequential().compile(optimizer: SGD(), loss: MeanSquaredError()) }
        #expect(throws: LayerError.emptyModel) { _ = try Sequential().summary() }
        #expect(throws: LayerError.noInputShape) { try Sequential { Dense(2) }.build() }
    }

    @Test func unknownNamesInCompile() {
        let model = Sequential { Dense(2, inputShape: [3]) }
        #expect(message { try model.compile(optimizer: "adamw", loss: "mse") }.contains("unknown optimizer 'adamw'"))
        #expect(message { try model.compile(optimizer: "sgd", loss: "hinge") }.contains("unknown loss 'hinge'"))
        #expect(message { try model.compile(optimizer: "sgd", loss: "mse", metrics: ["auc"]) }.contains("unknown metric 'auc'"))
    }
}
