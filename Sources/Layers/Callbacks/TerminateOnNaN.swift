import Tensors

/// Ends training at the first batch whose loss or updated weights are not finite (Keras
/// `TerminateOnNaN`), restores the weights from before that batch, and throws
/// `TrainingError.nonFinite` naming the epoch, the batch and the first layer at fault (found by
/// re-running the batch layer by layer). `reason` keeps the error.
///
/// Costs one copy of the weights per batch, taken before the step, so the restored state is the
/// last one known to be finite.
public final class TerminateOnNaN: Callback {
    /// Why training stopped, when it did.
    public private(set) var reason: TrainingError?

    private let beforeBatch = WeightSnapshot()
    private var model: Sequential?
    private var weights: [Tensor] = []
    private var epoch = 0

    public init() {}

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        self.model = model
        weights = model.weights
        reason = nil
    }

    public func onEpochBegin(_ epoch: Int) throws { self.epoch = epoch }

    public func onBatchBegin(_ batch: Int) throws {
        beforeBatch.capture(weights)
    }

    public func onBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let model else { return }
        let lossFinite = logs["loss"]?.isFinite ?? true
        guard !lossFinite || !weights.allSatisfy(NonFiniteFinder.isFinite) else { return }
        beforeBatch.restore(weights)
        var found = (layer: model.layers.last?.name ?? "", detail: lossFinite ? "weights went non-finite in the update" : "loss is \(logs["loss"]!)")
        if let batchData = model.currentBatch,
           let culprit = NonFiniteFinder.find(model: model, x: batchData.x, y: batchData.y) {
            found = culprit
        }
        // The re-run wrote gradients only; the weights are still the restored ones.
        model.stopTraining = true
        let error = TrainingError.nonFinite(epoch: epoch + 1, batch: batch + 1, layer: found.layer, detail: found.detail)
        reason = error
        self.model = nil
        weights = []
        throw error
    }

    public func onTrainEnd(logs: Logs) throws {
        model = nil
        weights = []
    }
}
