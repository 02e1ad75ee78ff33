/// Stops training when `monitor` has not improved for `patience` epochs (Keras `EarlyStopping`).
/// Improving means beating the best value by more than `minDelta`; with a `baseline`, patience
/// only resets once the baseline is beaten too. Epochs before `startFromEpoch` are ignored.
/// With `restoreBestWeights`, the best epoch's weights are copied back when training ends.
public final class EarlyStopping: Callback {
    public let monitor: String
    public let minDelta: Double
    public let patience: Int
    public let mode: MonitorMode
    public let restoreBestWeights: Bool
    public let baseline: Double?
    public let startFromEpoch: Int

    /// The epoch (from 0) at which training was stopped, or nil when it ran to the end.
    public private(set) var stoppedEpoch: Int?
    /// The epoch (from 0) with the best monitored value.
    public private(set) var bestEpoch = 0
    public private(set) var best: Double?

    private var wait = 0
    private var direction = MonitorMode.min
    private let bestWeights = WeightSnapshot()
    private var model: Sequential?

    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0, mode: MonitorMode = .auto,
                restoreBestWeights: Bool = false, baseline: Double? = nil, startFromEpoch: Int = 0) {
        self.monitor = monitor
        self.minDelta = minDelta
        self.patience = patience
        self.mode = mode
        self.restoreBestWeights = restoreBestWeights
        self.baseline = baseline
        self.startFromEpoch = startFromEpoch
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        self.model = model
        (wait, stoppedEpoch, bestEpoch, best) = (0, nil, 0, nil)
        direction = mode.resolved(for: monitor)
        bestWeights.clear()
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        guard let model, epoch >= startFromEpoch else { return }
        let current = try monitoredValue(monitor, in: logs, by: "EarlyStopping")
        if restoreBestWeights && bestWeights.isEmpty { bestWeights.capture(model.weights) }
        wait += 1
        if direction.improves(current, on: best, minDelta: minDelta) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights.capture(model.weights) }
            if baseline == nil || direction.improves(current, on: baseline, minDelta: minDelta) { wait = 0 }
            return
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model.stopTraining = true
        }
    }

    public func onTrainEnd(logs: Logs) throws {
        if restoreBestWeights, let model { bestWeights.restore(model.weights) }
        model = nil
    }
}
