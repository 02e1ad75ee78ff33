/// What `fit` tells its callbacks when training starts.
public struct TrainingParameters: Sendable, Equatable {
    public var epochs: Int
    /// Batches per epoch.
    public var steps: Int
    /// Training rows per epoch.
    public var samples: Int
    public var batchSize: Int

    public init(epochs: Int, steps: Int, samples: Int, batchSize: Int) {
        (self.epochs, self.steps, self.samples, self.batchSize) = (epochs, steps, samples, batchSize)
    }
}

/// Observes and steers `fit` (Keras `keras.callbacks.Callback`). Every method has an empty
/// default; epochs and batches are counted from 0 as in Keras. A callback may stop training by
/// setting `model.stopTraining`, or abort it by throwing (fit rethrows).
///
/// `onEpochEnd` receives the epoch's logs `inout`, so a callback may add entries (the learning
/// rate) that later callbacks and the returned `History` see.
public protocol Callback: AnyObject {
    func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws
    func onTrainEnd(logs: Logs) throws
    func onEpochBegin(_ epoch: Int) throws
    func onEpochEnd(_ epoch: Int, logs: inout Logs) throws
    func onBatchBegin(_ batch: Int) throws
    func onBatchEnd(_ batch: Int, logs: Logs) throws
}

extension Callback {
    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {}
    public func onTrainEnd(logs: Logs) throws {}
    public func onEpochBegin(_ epoch: Int) throws {}
    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {}
    public func onBatchBegin(_ batch: Int) throws {}
    public func onBatchEnd(_ batch: Int, logs: Logs) throws {}
}

/// Sends each event to a list of callbacks in order (Keras `CallbackList`).
public final class CallbackList: Callback {
    public let callbacks: [any Callback]

    public init(_ callbacks: [any Callback]) { self.callbacks = callbacks }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        for c in callbacks { try c.onTrainBegin(model: model, parameters: parameters) }
    }
    public func onTrainEnd(logs: Logs) throws { for c in callbacks { try c.onTrainEnd(logs: logs) } }
    public func onEpochBegin(_ epoch: Int) throws { for c in callbacks { try c.onEpochBegin(epoch) } }
    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        for c in callbacks { try c.onEpochEnd(epoch, logs: &logs) }
    }
    public func onBatchBegin(_ batch: Int) throws { for c in callbacks { try c.onBatchBegin(batch) } }
    public func onBatchEnd(_ batch: Int, logs: Logs) throws { for c in callbacks { try c.onBatchEnd(batch, logs: logs) } }
}
