import Tensors

/// Keras `binary_accuracy`: the fraction of output elements where (prediction > 0.5) equals the target.
public final class BinaryAccuracy: RegisteredMetric {
    public static let id = "binary_accuracy"
    public let name: String
    public let threshold: Float
    private var correct = 0, total = 0

    public init(name: String = id) {
        self.name = name
        self.threshold = 0.5
    }

    public init(name: String = "binary_accuracy", threshold: Float) {
        self.name = name
        self.threshold = threshold
    }

    public func reset() { (correct, total) = (0, 0) }

    public func update(predictions p: Tensor, targets t: Tensor) {
        var c = 0
        // Keras compares the thresholded prediction with the target itself, so a soft target never matches.
        for i in 0..<p.count where (p[i] > threshold ? 1 : 0) == t[i] { c += 1 }
        correct += c
        total += p.count
    }

    public var result: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}
