import Activations
import Tensors

/// A learnable activation's trainable tensors inside a layer (Dense or `LearnableActivationLayer`),
/// with the pointer tables its kernels read, made once at build so a training step allocates nothing.
final class LearnedActivationWeights {
    let function: any LearnableActivation
    let parameters: [Parameter]
    let values: LearnedValues
    let gradients: LearnedValues

    /// Tensors named `prefix + name` (Dense: `activation_alpha` beside its kernel and bias).
    init(_ function: any LearnableActivation, columns: Int, prefix: String) {
        self.function = function
        parameters = function.learnableTensors.map { t in
            let v = Tensor(zeros: t.shape(columns: columns))
            if t.perChannel { v.fill(t.initial[0]) } else { for (i, w) in t.initial.enumerated() { v[i] = w } }
            return Parameter(name: prefix + t.name, value: v)
        }
        values = LearnedValues(pointers: parameters.map { $0.value.pointer }, strides: parameters.map { _ in 1 })
        gradients = LearnedValues(pointers: parameters.map { $0.gradient.pointer }, strides: parameters.map { _ in 1 })
    }

    /// The shapes `init` makes, for plans.
    static func shapes(_ function: any LearnableActivation, columns: Int) -> [[Int]] {
        function.learnableTensors.map { $0.shape(columns: columns) }
    }

    /// Each tensor's current values by its name in the function, for reports and `learned(_:)`.
    var current: [String: [Float]] {
        var out = [String: [Float]]()
        for (t, p) in zip(function.learnableTensors, parameters) { out[t.name] = (0..<p.value.count).map { p.value[$0] } }
        return out
    }
}
