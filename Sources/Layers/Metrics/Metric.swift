import Tensors

/// A running metric over the batches of an epoch (Keras `keras.metrics.Metric`): `reset` at the
/// start, `update` with each batch's predictions, `result` whenever asked.
public protocol Metric: AnyObject {
    /// The key in logs and history: the name the user passed to `compile` (Keras 3).
    var name: String { get }
    func reset()
    /// Accumulates one batch; must not allocate (it runs inside the training step).
    func update(predictions: Tensor, targets: Tensor)
    var result: Double { get }
}

/// What a metric reads as targets.
public enum MetricTargets: Sendable {
    /// Same shape as the model's output (one-hot rows, regression values).
    case sameAsOutput
    /// One integer class index per row (the targets of sparse_categorical_crossentropy).
    case classIndices
}

/// A metric the registry can build by Keras id.
public protocol RegisteredMetric: Metric {
    static var id: String { get }
    /// Other ids that mean the same metric (`mae` for `mean_absolute_error`).
    static var aliases: [String] { get }
    static var targets: MetricTargets { get }
    init(name: String)
}

extension RegisteredMetric {
    public static var aliases: [String] { [] }
    public static var targets: MetricTargets { .sameAsOutput }
}

/// The one registry of metrics: `compile(..., metrics: ["accuracy", "mae"])` looks ids up here.
public enum Metrics {
    /// Every registered metric type.
    public static var all: [any RegisteredMetric.Type] {
        [
            BinaryAccuracy.self, CategoricalAccuracy.self, SparseCategoricalAccuracy.self,
            TopKCategoricalAccuracy.self, SparseTopKCategoricalAccuracy.self,
            MeanSquaredErrorMetric.self, MeanAbsoluteErrorMetric.self,
        ]
    }

    /// Every id `named` accepts, `accuracy` first.
    public static var ids: [String] { ["accuracy"] + all.flatMap { [$0.id] + $0.aliases } }

    /// Builds the metric `name` for a model trained with `loss` that outputs `outputShape` per
    /// sample. `accuracy` (or `acc`) becomes binary accuracy under binary_crossentropy or a single
    /// output column, sparse categorical accuracy under sparse_categorical_crossentropy, and
    /// categorical accuracy otherwise, as Keras resolves it.
    public static func named(_ name: String, loss: any Loss, outputShape: [Int]) throws -> any Metric {
        let key = name.lowercased()
        let type: any RegisteredMetric.Type
        if key == "accuracy" || key == "acc" {
            if loss.expectsClassIndices {
                type = SparseCategoricalAccuracy.self
            } else if loss.id == "binary_crossentropy" || outputShape.last == 1 {
                type = BinaryAccuracy.self
            } else {
                type = CategoricalAccuracy.self
            }
        } else if let found = all.first(where: { $0.id == key || $0.aliases.contains(key) }) {
            type = found
        } else {
            throw LayerError.invalidData("unknown metric '\(name)'; valid metrics: \(ids.joined(separator: ", "))")
        }
        let indices = type.targets == .classIndices
        guard indices == loss.expectsClassIndices else {
            throw LayerError.invalidData(indices
                ? "metric '\(name)' reads integer class labels, but loss \(loss.id) takes targets shaped like the output; expected sparse_categorical_crossentropy"
                : "metric '\(name)' reads targets shaped like the output, but loss \(loss.id) takes integer class labels; use its sparse_ form")
        }
        return type.init(name: name)
    }
}
