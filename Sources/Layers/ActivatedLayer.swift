import Activations
import Tensors

/// A layer whose output is an activation function applied to a tensor it keeps, so that
/// diagnostics can ask which function and which inputs without knowing the layer's class.
public protocol ActivatedLayer: Layer {
    var activation: any ActivationFunction { get }
    /// What the activation was applied to in the latest `forward` (that call's rows), or nil before one.
    var activationInput: Tensor? { get }
}

extension Dense: ActivatedLayer {
    public var activationInput: Tensor? { preActivation }
}

extension ActivationLayer: ActivatedLayer {
    public var activationInput: Tensor? { input }
}
