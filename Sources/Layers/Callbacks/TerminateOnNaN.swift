import Tensors

/// Ends training at the first batch whose loss or updated weights are not finite (Keras
/// `TerminateOnNaN`), restores the weights from before that batch, and throws
/// `TrainingError.nonFinite` naming the epoch, the batch and the first layer at fault (found by
/// re-running the batch layer by layer). `reason` keeps the error.
///
/// `.everyBatch` costs one copy and one scan of the weights per batch, so the restored state is the
/// last one known to be finite and the re-run sees the exact step that failed. `.everyEpoch` copies
/// once per epoch and watches only the batch loss (a non-finite weight shows in the next batch's
/// loss): nearly free for large models, it restores the weights from the epoch's start and names the
/// first layer whose weights or outputs are non-finite after the failing step.
public final class TerminateOnNaN: Callback {
    /// When the weights to restore are copied.
    public enum Snapshot: Sendable { case everyBatch, everyEpoch }

    /// Why training stopped, when it did.
    public private(set) var reason: TrainingError?
    public let snapshot: Snapshot

    private let beforeBatch = WeightSnapshot()
    private var model: Sequential?
    private var weights: [Tensor] = []
    private var epoch = 0

    public init(snapshot: Snapshot = .everyBatch) { self.snapshot = snapshot }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        self.model = model
        weights = model.weights
        reason = nil
    }

    public func onEpochBegin(_ epoch: Int) throws {
        self.epoch = epoch
        if snapshot == .everyEpoch { beforeBatch.capture(weights) }
    }

    public func onBatchBegin(_ batch: Int) throws {
        if snapshot == .everyBatch { beforeBatch.capture(weights) }
    }

    public func onBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let model else { return }
        let lossFinite = logs["loss"]?.isFinite ?? true
        guard !lossFinite || (snapshot == .everyBatch && !weights.allSatisfy(NonFiniteFinder.isFinite)) else { return }
        // In batch mode the weights go back first, so the re-run repeats the failing step; in epoch
        // mode the re-run looks at the weights the failing step left, then they go back.
        if snapshot == .everyBatch { beforeBatch.restore(weights) }
        var found = (layer: model.layers.last?.name ?? "", detail: lossFinite ? "weights went non-finite in the update" : "loss is \(logs["loss"]!)")
        if let batchData = model.currentBatch,
           let culprit = NonFiniteFinder.find(model: model, x: batchData.x, y: batchData.y) {
            found = culprit
        }
        if snapshot == .everyEpoch { beforeBatch.restore(weights) }
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
