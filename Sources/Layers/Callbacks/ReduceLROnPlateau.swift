/// Multiplies the learning rate by `factor` when `monitor` has not improved by more than
/// `minDelta` for `patience` epochs, then waits `cooldown` epochs before counting again, never
/// going below `minLR` (Keras `ReduceLROnPlateau`). Logs the epoch's rate as `learning_rate`.
public final class ReduceLROnPlateau: Callback {
    public let monitor: String
    public let factor: Double
    public let patience: Int
    public let mode: MonitorMode
    public let minDelta: Double
    public let cooldown: Int
    public let minLR: Double

    private var best: Double?
    private var wait = 0
    private var cooldownCounter = 0
    private var direction = MonitorMode.min
    private var optimizer: (any Optimizer)?

    /// Throws unless 0 < factor < 1 and the counts are not negative.
    public init(monitor: String = "val_loss", factor: Double = 0.1, patience: Int = 10, mode: MonitorMode = .auto,
                minDelta: Double = 1e-4, cooldown: Int = 0, minLR: Double = 0) throws {
        guard factor > 0, factor < 1 else {
            throw LayerError.invalidData("ReduceLROnPlateau: factor must be in (0, 1), got \(factor)")
        }
        guard patience >= 0, cooldown >= 0, minLR >= 0 else {
            throw LayerError.invalidData("ReduceLROnPlateau: patience, cooldown and minLR must not be negative, got \(patience), \(cooldown), \(minLR)")
        }
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.mode = mode
        self.minDelta = minDelta
        self.cooldown = cooldown
        self.minLR = minLR
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        optimizer = model.compiledOptimizer
        (best, wait, cooldownCounter) = (nil, 0, 0)
        direction = mode.resolved(for: monitor)
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        guard let optimizer else { return }
        logs["learning_rate"] = Double(optimizer.learningRate)
        let current = try monitoredValue(monitor, in: logs, by: "ReduceLROnPlateau")
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if direction.improves(current, on: best, minDelta: minDelta) {
            best = current
            wait = 0
        } else if cooldownCounter == 0 {
            wait += 1
            let old = Double(optimizer.learningRate)
            if wait >= patience && old > Double(Float(minLR)) {
                optimizer.learningRate = Float(max(old * factor, minLR))
                cooldownCounter = cooldown
                wait = 0
            }
        }
    }

    public func onTrainEnd(logs: Logs) throws { optimizer = nil }
}
