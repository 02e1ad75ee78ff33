/// Sets the learning rate at the start of every epoch to `schedule(epoch, currentRate)`, epochs
/// counted from 0 (Keras `LearningRateScheduler`). Logs the epoch's rate as `learning_rate`.
public final class LearningRateScheduler: Callback {
    public let schedule: (Int, Double) -> Double
    private var optimizer: (any Optimizer)?

    public init(_ schedule: @escaping (_ epoch: Int, _ learningRate: Double) -> Double) {
        self.schedule = schedule
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        optimizer = model.compiledOptimizer
    }

    public func onEpochBegin(_ epoch: Int) throws {
        guard let optimizer else { return }
        let rate = schedule(epoch, Double(optimizer.learningRate))
        guard rate.isFinite, rate >= 0 else {
            throw LayerError.invalidData("LearningRateScheduler: the schedule gave \(rate) for epoch \(epoch); expected a finite rate >= 0")
        }
        optimizer.learningRate = Float(rate)
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        if let optimizer { logs["learning_rate"] = Double(optimizer.learningRate) }
    }

    public func onTrainEnd(logs: Logs) throws { optimizer = nil }
}
