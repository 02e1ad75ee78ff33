import Foundation
import Tensors

/// A training objective: the mean loss over a batch and its gradient with respect to the predictions.
public protocol Loss: Sendable {
    /// The Keras id, e.g. `"categorical_crossentropy"`.
    var id: String { get }
    /// Mean loss over the batch; when `gradient` is given, writes dL/d(predictions) into it.
    func compute(predictions: Tensor, targets: Tensor, gradient: Tensor?) -> Float
    /// Whether targets are one integer class index per row rather than shaped like the output.
    var expectsClassIndices: Bool { get }
}

extension Loss {
    public var expectsClassIndices: Bool { false }
}

/// Probabilities are clipped to [eps, 1 - eps] before a log, as Keras does (eps = 1e-7).
let probabilityEpsilon: Float = 1e-7

/// Mean squared error: mean over every element of (prediction - target)^2.
public struct MeanSquaredError: Loss {
    public let id = "mean_squared_error"
    public init() {}

    public func compute(predictions p: Tensor, targets t: Tensor, gradient: Tensor?) -> Float {
        let n = p.count
        var sum: Double = 0
        for i in 0..<n {
            let d = p[i] - t[i]
            sum += Double(d * d)
            // Keras averages over the last axis and then the batch: d/dp = 2 d / (columns * batch).
            gradient?[i] = 2 * d / Float(n)
        }
        return Float(sum / Double(n))
    }
}

/// Binary cross-entropy on probabilities: -mean(t log p + (1 - t) log(1 - p)).
public struct BinaryCrossEntropy: Loss {
    public let id = "binary_crossentropy"
    public init() {}

    public func compute(predictions p: Tensor, targets t: Tensor, gradient: Tensor?) -> Float {
        let n = p.count
        var sum: Double = 0
        for i in 0..<n {
            let q = min(max(p[i], probabilityEpsilon), 1 - probabilityEpsilon)
            sum -= Double(t[i] * log(q) + (1 - t[i]) * log(1 - q))
            gradient?[i] = (q - t[i]) / (q * (1 - q)) / Float(n)
        }
        return Float(sum / Double(n))
    }
}

/// Categorical cross-entropy on probabilities and one-hot targets: -mean over rows of sum t log p.
public struct CategoricalCrossEntropy: Loss {
    public let id = "categorical_crossentropy"
    public init() {}

    public func compute(predictions p: Tensor, targets t: Tensor, gradient: Tensor?) -> Float {
        let rows = p.rows, n = p.count
        var sum: Double = 0
        for i in 0..<n where t[i] != 0 {
            sum -= Double(t[i] * log(min(max(p[i], probabilityEpsilon), 1 - probabilityEpsilon)))
        }
        if let g = gradient {
            for i in 0..<n { g[i] = -t[i] / max(p[i], probabilityEpsilon) / Float(rows) }
        }
        return Float(sum / Double(rows))
    }
}

/// Categorical cross-entropy with integer class labels (one column holding the class index).
public struct SparseCategoricalCrossEntropy: Loss {
    public let id = "sparse_categorical_crossentropy"
    public let expectsClassIndices = true
    public init() {}

    public func compute(predictions p: Tensor, targets t: Tensor, gradient: Tensor?) -> Float {
        let rows = p.rows, classes = p.rowLength
        var sum: Double = 0
        gradient?.fill(0)
        for r in 0..<rows {
            let c = Int(t[r])
            let q = p[r * classes + c]
            sum -= Double(log(min(max(q, probabilityEpsilon), 1 - probabilityEpsilon)))
            gradient?[r * classes + c] = -1 / max(q, probabilityEpsilon) / Float(rows)
        }
        return Float(sum / Double(rows))
    }
}

/// Looks up a loss by Keras id (`"mse"`, `"binary_crossentropy"`, ...).
public enum Losses {
    public static let ids = ["mean_squared_error", "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"]

    public static func named(_ id: String) throws -> any Loss {
        switch id.lowercased() {
        case "mse", "mean_squared_error": return MeanSquaredError()
        case "binary_crossentropy", "bce": return BinaryCrossEntropy()
        case "categorical_crossentropy", "cce": return CategoricalCrossEntropy()
        case "sparse_categorical_crossentropy": return SparseCategoricalCrossEntropy()
        default: throw LayerError.invalidData("unknown loss '\(id)'; valid losses: \(ids.joined(separator: ", "))")
        }
    }
}
