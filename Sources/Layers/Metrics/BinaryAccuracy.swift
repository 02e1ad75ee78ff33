import Tensors

/// Keras `binary_accuracy`: the fraction of output elements where (prediction > 0.5) equals the target.
public final class BinaryAccuracy: RegisteredMetric {
    public static let id = "binary_accuracy"
    public let name: String
    public let threshold: Float
    private var mean = RunningMean()

    public convenience init(name: String = id) { self.init(name: name, threshold: 0.5) }

    public init(name: String = "binary_accuracy", threshold: Float) {
        self.name = name
        self.threshold = threshold
    }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        var c = 0
        // Keras compares the thresholded prediction with the target itself, so a soft target never matches.
        for i in 0..<p.count where (p[i] > threshold ? 1 : 0) == t[i] { c += 1 }
        mean.add(Double(c), count: p.count)
    }

    public var result: Double { mean.value }
}
