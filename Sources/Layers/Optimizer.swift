import Tensors

/// Updates parameters from their gradients after each batch.
public protocol Optimizer: AnyObject {
    /// The Keras id, e.g. `"rmsprop"`.
    var id: String { get }
    var learningRate: Float { get set }
    /// Applies one step to every parameter, using and updating the optimizer's per-parameter state.
    func update(_ parameters: [Parameter])
}

/// Per-parameter state tensors (moments, velocities), created at the first step and reused after.
final class OptimizerSlots {
    private var slots: [ObjectIdentifier: [Tensor]] = [:]
    private(set) var step = 0

    func tensors(for parameter: Parameter, count: Int) -> [Tensor] {
        if let s = slots[ObjectIdentifier(parameter)] { return s }
        let s = (0..<count).map { _ in Tensor(zeros: parameter.value.shape) }
        slots[ObjectIdentifier(parameter)] = s
        return s
    }

    func advance() -> Int {
        step += 1
        return step
    }
}

/// Looks up an optimizer by Keras id with its Keras defaults.
public enum Optimizers {
    public static let ids = ["sgd", "rmsprop", "adam"]

    public static func named(_ id: String, learningRate: Float? = nil,
                             rmspropEpsilon: RMSprop.EpsilonPlacement = .insideSquareRoot) throws -> any Optimizer {
        switch id.lowercased() {
        case "sgd": return SGD(learningRate: learningRate ?? 0.01)
        case "rmsprop": return RMSprop(learningRate: learningRate ?? 0.001, epsilonPlacement: rmspropEpsilon)
        case "adam": return Adam(learningRate: learningRate ?? 0.001)
        default: throw LayerError.invalidData("unknown optimizer '\(id)'; valid optimizers: \(ids.joined(separator: ", "))")
        }
    }
}
