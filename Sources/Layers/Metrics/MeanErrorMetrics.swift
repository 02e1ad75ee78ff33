import Tensors

/// Keras `mean_squared_error` (`mse`): the mean over every output element of (prediction - target)^2.
public final class MeanSquaredErrorMetric: RegisteredMetric {
    public static let id = "mean_squared_error"
    public static let aliases = ["mse"]
    public let name: String
    private var mean = RunningMean()

    public init(name: String = id) { self.name = name }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        var s = 0.0
        for i in 0..<p.count {
            let d = Double(p[i] - t[i])
            s += d * d
        }
        mean.add(s, count: p.count)
    }

    public var result: Double { mean.value }
}

/// Keras `mean_absolute_error` (`mae`): the mean over every output element of |prediction - target|.
public final class MeanAbsoluteErrorMetric: RegisteredMetric {
    public static let id = "mean_absolute_error"
    public static let aliases = ["mae"]
    public let name: String
    private var mean = RunningMean()

    public init(name: String = id) { self.name = name }

    public func reset() { mean = RunningMean() }

    public func update(predictions p: Tensor, targets t: Tensor) {
        var s = 0.0
        for i in 0..<p.count { s += Double(abs(p[i] - t[i])) }
        mean.add(s, count: p.count)
    }

    public var result: Double { mean.value }
}
