import Activations
import Experiments
import Layers
import Tensors

/// The later stages' task: a deep MLP (`depth` hidden Dense layers of `units`, Keras's
/// glorot_uniform, softmax and cross-entropy, Adam), where an activation's gradient flow shows.
public final class DeepProxy: ProxyTask {
    public let data: SearchData
    public let depth: Int
    public let units: Int
    public let epochs: Int
    public let batchSize: Int
    public let learningRate: Float
    private let tensors: (x: Tensor, y: Tensor, validation: Tensor, test: Tensor)

    public init(data: SearchData, depth: Int = 8, units: Int = 64, epochs: Int = 3, batchSize: Int = 64,
                learningRate: Float = 0.001) throws {
        guard depth >= 1, units >= 1, epochs >= 1, batchSize >= 1 else {
            throw ExperimentError("deep proxy: depth, units, epochs and batch size must be positive")
        }
        try MLP.checkMemory(inputs: data.features, hiddenUnits: units, depth: depth, classes: data.classes, batchSize: batchSize)
        (self.data, self.depth, self.units, self.epochs, self.batchSize, self.learningRate) = (data, depth, units, epochs, batchSize, learningRate)
        func tensor(_ s: SearchData.Split) -> Tensor { Tensor(shape: [s.rows, data.features], scalars: s.x) }
        var y = [Float](repeating: 0, count: data.train.rows * data.classes)
        for (r, label) in data.train.labels.enumerated() { y[r * data.classes + label] = 1 }
        tensors = (tensor(data.train), Tensor(shape: [data.train.rows, data.classes], scalars: y), tensor(data.validation), tensor(data.test))
    }

    public var name: String {
        "deep-mlp-d\(depth)x\(units)-e\(epochs)-b\(batchSize)-lr\(learningRate)-\(data.label)"
    }

    public func evaluate(_ activation: any ActivationFunction, seed: UInt64) throws -> ProxyMetrics {
        let model = Sequential(name: "search_deep", seed: seed)
        model.add(Dense(units, activation: activation, inputShape: [data.features]))
        for _ in 1..<depth { model.add(Dense(units, activation: activation)) }
        model.add(Dense(data.classes, activation: Softmax()))
        try model.compile(optimizer: Adam(learningRate: learningRate), loss: CategoricalCrossEntropy())
        let history = try model.fit(x: tensors.x, y: tensors.y, epochs: epochs, batchSize: min(batchSize, data.train.rows))
        func score(_ x: Tensor, _ split: SearchData.Split) throws -> Double {
            let p = try model.predict(x)
            return ProxyMetrics.accuracy(UnsafeBufferPointer(start: p.pointer, count: p.count), labels: split.labels, classes: data.classes)
        }
        return ProxyMetrics(validationAccuracy: try score(tensors.validation, data.validation),
                            testAccuracy: try score(tensors.test, data.test), trainingLoss: history["loss"].last ?? .nan)
    }
}
