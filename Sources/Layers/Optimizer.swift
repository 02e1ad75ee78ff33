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

    /// The slot tensors of `parameter`, or nil before its first update.
    func slots(of parameter: Parameter) -> [Tensor]? { slots[ObjectIdentifier(parameter)] }

    /// Sets the step count (a restored state).
    func reset(step: Int) { self.step = step }

    func advance() -> Int {
        step += 1
        return step
    }
}

/// Looks up an optimizer by Keras id with its Keras defaults.
public enum Optimizers {
    public static let ids = ["sgd", "rmsprop", "adam"]

    /// The optimizer `id` with Keras defaults; throws for an unknown id or a learning rate that is
    /// not a positive finite number (a NaN or infinite rate would quietly turn every weight into NaN).
    public static func named(_ id: String, learningRate: Float? = nil,
                             rmspropEpsilon: RMSprop.EpsilonPlacement = .insideSquareRoot) throws -> any Optimizer {
        if let learningRate { _ = try validatedLearningRate(Double(learningRate)) }
        switch id.lowercased() {
        case "sgd": return SGD(learningRate: learningRate ?? 0.01)
        case "rmsprop": return RMSprop(learningRate: learningRate ?? 0.001, epsilonPlacement: rmspropEpsilon)
        case "adam": return Adam(learningRate: learningRate ?? 0.001)
        default: throw LayerError.invalidData("unknown optimizer '\(id)'; valid optimizers: \(ids.joined(separator: ", "))")
        }
    }

    /// `value` as the Float the optimizers hold, or an error naming it when it is NaN, infinite, not
    /// positive, or beyond Float's range either way (1e40 becomes inf, 1e-50 becomes 0).
    public static func validatedLearningRate(_ value: Double) throws -> Float {
        guard value.isFinite, value > 0 else {
            throw LayerError.invalidData("learning rate must be a positive finite number, got \(value)")
        }
        let float = Float(value)
        guard float.isFinite else {
            throw LayerError.invalidData("learning rate \(value) is too large for 32-bit floating point (at most \(Float.greatestFiniteMagnitude))")
        }
        guard float > 0 else {
            throw LayerError.invalidData("learning rate \(value) rounds to 0 in 32-bit floating point (at least \(Float.leastNonzeroMagnitude))")
        }
        return float
    }
}
