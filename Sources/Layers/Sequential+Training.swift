import Tensors

/// What `compile` chose and `fit` shares with its callbacks while it runs.
struct TrainingState {
    var stopTraining = false
    var metrics: [any Metric] = []
    /// The batch buffers of the running `fit`, so a callback can re-examine the batch in flight.
    var batch: (x: Tensor, y: Tensor)?
    /// The row order `fit` shuffles in place each epoch (each shuffle starts from the last), kept
    /// so that a run resumed with `initialEpoch` continues the same sequence of orders.
    var order: [Int] = []
}

extension Sequential {
    /// Set by a callback to end `fit` after the current batch (Keras `model.stop_training`);
    /// `fit` clears it when it starts.
    public var stopTraining: Bool {
        get { training.stopTraining }
        set { training.stopTraining = newValue }
    }

    /// The optimizer given to `compile`, so callbacks can read and change its learning rate.
    public var compiledOptimizer: (any Optimizer)? { optimizer }

    /// The loss given to `compile`.
    public var compiledLoss: (any Loss)? { loss }

    /// The metrics `compile` built, in the order asked for (Keras `model.metrics`, less the loss).
    public var metrics: [any Metric] { training.metrics }

    /// The input and target rows of the batch `fit` is on, while it runs.
    var currentBatch: (x: Tensor, y: Tensor)? { training.batch }

    /// Copies `values` into the live weight tensors, shape by shape (Keras `set_weights`).
    public func setWeights(_ values: [[Float]]) throws {
        let live = weights
        guard values.count == live.count else {
            throw LayerError.invalidData("setWeights: \(values.count) arrays given; the model has \(live.count) weight tensors")
        }
        for (i, (v, t)) in zip(values, live).enumerated() where v.count != t.count {
            throw LayerError.invalidData("setWeights: array \(i) has \(v.count) values; weight \(i) of shape \(t.shape) holds \(t.count)")
        }
        for (v, t) in zip(values, live) { _ = t.buffer.update(from: v) }
    }
}
