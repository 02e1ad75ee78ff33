import Tensors

/// One unit of a model's forward and backward pass: a single layer, or a run of layers that a
/// registered `LayerFusion` executes as one kernel.
public struct ExecutionStep {
    /// Indices into the model's `layers`.
    public let layers: Range<Int>
    /// The layer's name, or the fused layers' names joined by "+".
    public let name: String
    let layer: any Layer
    let fused: (any FusedLayers)?

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        fused?.forward(input, training: training) ?? layer.forward(input, training: training)
    }

    /// With `fusedOutput`, `gradient` is dL/d(pre-activation) of the step's final probability
    /// function (only a single layer with an `outputFusion` takes it).
    public func backward(_ gradient: Tensor, needInputGradient: Bool, fusedOutput: Bool = false) -> Tensor? {
        if let fused { return fused.backward(gradient, needInputGradient: needInputGradient) }
        return fusedOutput ? layer.backward(fusedGradient: gradient, needInputGradient: needInputGradient)
                           : layer.backward(gradient, needInputGradient: needInputGradient)
    }
}

extension Sequential {
    /// The steps `fit`, `evaluate` and `predict` run, once the model is built: its layers, with
    /// each run that a registered fusion matches taken as one step when `fusesLayers` is on.
    public var executionSteps: [ExecutionStep] {
        if let steps = fusedSteps { return steps }
        var steps: [ExecutionStep] = []
        var i = 0
        while i < layers.count {
            let rest = layers[i...]
            if fusesLayers, isBuilt, let fused = LayerFusions.all.lazy.compactMap({ $0.fuse(rest) }).first,
               (1...rest.count).contains(fused.layers.count) {
                let range = i..<(i + fused.layers.count)
                // The last layer keeps its own step when a loss may fuse with its output.
                if range.upperBound < layers.count || layers[layers.count - 1].outputFusion == nil {
                    steps.append(ExecutionStep(layers: range, name: fused.layers.map(\.name).joined(separator: "+"),
                                               layer: layers[i], fused: fused))
                    i = range.upperBound
                    continue
                }
            }
            steps.append(ExecutionStep(layers: i..<(i + 1), name: layers[i].name, layer: layers[i], fused: nil))
            i += 1
        }
        if isBuilt { fusedSteps = steps }
        return steps
    }
}
