import Tensors

/// A layer that draws random numbers while training (Dropout's masks): its generator's state,
/// so that a run restored from a checkpoint draws what an uninterrupted one would.
public protocol RandomStateLayer: AnyObject {
    /// Four words (`RandomGenerator.state`); setting words that are not a valid state is ignored.
    var randomState: [UInt64] { get set }
}

/// An optimizer's per-parameter slots (moments, velocities) and step count, parameter by parameter.
public struct OptimizerState {
    public var step: Int
    /// For each parameter in order, its slot tensors; empty before the first update.
    public var slots: [[Tensor]]
    public init(step: Int, slots: [[Tensor]]) {
        self.step = step
        self.slots = slots
    }
}

/// An optimizer whose state can be saved and put back, so a resumed run updates as an
/// uninterrupted one does.
public protocol ResumableOptimizer: Optimizer {
    /// Copies of the state for `parameters` (a model's `parameters`, in order).
    func state(for parameters: [Parameter]) -> OptimizerState
    /// Replaces the state for `parameters`; throws when the slots do not match them.
    func restore(_ state: OptimizerState, for parameters: [Parameter]) throws
}

extension OptimizerSlots {
    func export(_ parameters: [Parameter]) -> OptimizerState {
        OptimizerState(step: step, slots: parameters.map { p in (slots(of: p) ?? []).map { Tensor(shape: $0.shape, scalars: $0.scalars) } })
    }

    func restore(_ state: OptimizerState, for parameters: [Parameter], count: Int) throws {
        guard state.step >= 0, state.slots.count == parameters.count else {
            throw LayerError.invalidData("optimizer state holds \(state.slots.count) parameters; the model has \(parameters.count)")
        }
        for (p, s) in zip(parameters, state.slots) where !s.isEmpty {
            guard s.count == count, s.allSatisfy({ $0.shape == p.value.shape }) else {
                throw LayerError.invalidData("optimizer state for '\(p.name)': expected \(count) tensors of shape \(p.value.shape)")
            }
        }
        reset(step: state.step)
        for (p, s) in zip(parameters, state.slots) where !s.isEmpty {
            for (live, saved) in zip(tensors(for: p, count: count), s) { _ = live.buffer.update(from: saved.scalars) }
        }
    }
}

extension Adam: ResumableOptimizer {
    public func state(for parameters: [Parameter]) -> OptimizerState { slots.export(parameters) }
    public func restore(_ state: OptimizerState, for parameters: [Parameter]) throws { try slots.restore(state, for: parameters, count: 2) }
}

extension RMSprop: ResumableOptimizer {
    public func state(for parameters: [Parameter]) -> OptimizerState { slots.export(parameters) }
    public func restore(_ state: OptimizerState, for parameters: [Parameter]) throws { try slots.restore(state, for: parameters, count: 1) }
}

extension SGD: ResumableOptimizer {
    public func state(for parameters: [Parameter]) -> OptimizerState { slots.export(parameters) }
    public func restore(_ state: OptimizerState, for parameters: [Parameter]) throws { try slots.restore(state, for: parameters, count: 1) }
}

extension Sequential {
    /// Every generator training draws from, four words each: the model's (shuffles), then each
    /// `RandomStateLayer`'s in layer order.
    public var randomState: [UInt64] {
        rng.state + layers.compactMap { $0 as? any RandomStateLayer }.flatMap(\.randomState)
    }

    /// Puts back what `randomState` returned, for the same architecture.
    public func restoreRandomState(_ words: [UInt64]) throws {
        let random = layers.compactMap { $0 as? any RandomStateLayer }
        guard words.count == 4 * (random.count + 1), let model = RandomGenerator(state: Array(words[0..<4])) else {
            throw LayerError.invalidData("random state of \(words.count) words; this model needs \(4 * (random.count + 1))")
        }
        rng = model
        for (i, layer) in random.enumerated() { layer.randomState = Array(words[(4 + 4 * i)..<(8 + 4 * i)]) }
    }

    /// The row order the last `fit` reached (see `fit(initialEpoch:)`).
    public var shuffleOrder: [Int] { training.order }

    /// Sets the row order a `fit` with `initialEpoch` continues from; it must be a permutation of 0..<n.
    public func restoreShuffleOrder(_ order: [Int]) throws {
        var seen = [Bool](repeating: false, count: order.count)
        for i in order {
            guard (0..<order.count).contains(i), !seen[i] else { throw LayerError.invalidData("shuffle order is not a permutation of 0..<\(order.count)") }
            seen[i] = true
        }
        training.order = order
    }
}
