import Layers

/// One trained tensor of a learnable activation (snake's alpha, pau's numerator), as experiment
/// reports show it: every value, and their mean and extremes for the per-channel ones.
public struct LearnedTensorSummary: Codable, Sendable, Equatable {
    /// `layer/tensor`, e.g. `dense/alpha`.
    public var name: String
    public var values: [Double]
    public var mean: Double
    public var min: Double
    public var max: Double

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        min = values.min() ?? 0
        max = values.max() ?? 0
    }

    /// The learned tensors of every layer of `model` whose activation learns, in layer order;
    /// empty when none does.
    public static func of(_ model: Sequential) -> [LearnedTensorSummary] {
        model.layers.flatMap { layer -> [LearnedTensorSummary] in
            guard let learned = (layer as? any LearnedActivationReporting)?.learnedActivation else { return [] }
            return learned.function.learnableTensors.map { t in
                LearnedTensorSummary(name: "\(layer.name)/\(t.name)", values: (learned.values[t.name] ?? []).map(Double.init))
            }
        }
    }
}
