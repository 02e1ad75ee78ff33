import Activations
import Layers

/// The first stage's task: a tiny dense network (`hidden` layers of `units`) fit to one-hot
/// targets with mean squared error by `TinyDenseTrainer`, which trains it in milliseconds, so
/// every candidate can be tried once.
public struct CheapProxy: ProxyTask {
    public let data: SearchData
    public var hidden = 3
    public var units = 16
    public var epochs = 6
    public var batchSize = 32
    public var learningRate: Float = 0.005

    public init(data: SearchData) { self.data = data }

    public var name: String {
        "cheap-tiny-h\(hidden)x\(units)-e\(epochs)-b\(batchSize)-lr\(learningRate)-\(data.label)"
    }

    public func evaluate(_ activation: any ActivationFunction, seed: UInt64) throws -> ProxyMetrics {
        let layers = Array(repeating: TinyDenseTrainer.LayerSpec(units: units, activation: activation), count: hidden)
            + [TinyDenseTrainer.LayerSpec(units: data.classes)]
        let trainer = try TinyDenseTrainer(inputs: data.features, layers: layers, seed: seed)
        let losses = try trainer.fit(x: data.train.x, y: oneHot(data.train.labels), epochs: epochs, batchSize: batchSize,
                                     optimizer: Adam(learningRate: learningRate))
        func score(_ split: SearchData.Split) -> Double {
            trainer.predict(split.x).withUnsafeBufferPointer { ProxyMetrics.accuracy($0, labels: split.labels, classes: data.classes) }
        }
        return ProxyMetrics(validationAccuracy: score(data.validation), testAccuracy: score(data.test), trainingLoss: losses.last ?? .nan)
    }

    private func oneHot(_ labels: [Int]) -> [Float] {
        var y = [Float](repeating: 0, count: labels.count * data.classes)
        for (r, label) in labels.enumerated() { y[r * data.classes + label] = 1 }
        return y
    }
}
