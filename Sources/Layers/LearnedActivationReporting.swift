import Activations

/// What a layer's learnable activation has learned: its tensors by name, for reports and `show`.
public protocol LearnedActivationReporting: AnyObject {
    /// The learnable activation and its current tensors, or nil when the layer has none.
    var learnedActivation: (function: any LearnableActivation, values: [String: [Float]])? { get }
}
