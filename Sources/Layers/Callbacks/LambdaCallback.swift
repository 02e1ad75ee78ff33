/// A callback made of closures, each optional (Keras `LambdaCallback`).
public final class LambdaCallback: Callback {
    public var trainBegin: ((Sequential, TrainingParameters) throws -> Void)?
    public var trainEnd: ((Logs) throws -> Void)?
    public var epochBegin: ((Int) throws -> Void)?
    public var epochEnd: ((Int, inout Logs) throws -> Void)?
    public var batchBegin: ((Int) throws -> Void)?
    public var batchEnd: ((Int, Logs) throws -> Void)?

    public init(onTrainBegin: ((Sequential, TrainingParameters) throws -> Void)? = nil,
                onTrainEnd: ((Logs) throws -> Void)? = nil,
                onEpochBegin: ((Int) throws -> Void)? = nil,
                onEpochEnd: ((Int, inout Logs) throws -> Void)? = nil,
                onBatchBegin: ((Int) throws -> Void)? = nil,
                onBatchEnd: ((Int, Logs) throws -> Void)? = nil) {
        trainBegin = onTrainBegin
        trainEnd = onTrainEnd
        epochBegin = onEpochBegin
        epochEnd = onEpochEnd
        batchBegin = onBatchBegin
        batchEnd = onBatchEnd
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws { try trainBegin?(model, parameters) }
    public func onTrainEnd(logs: Logs) throws { try trainEnd?(logs) }
    public func onEpochBegin(_ epoch: Int) throws { try epochBegin?(epoch) }
    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws { try epochEnd?(epoch, &logs) }
    public func onBatchBegin(_ batch: Int) throws { try batchBegin?(batch) }
    public func onBatchEnd(_ batch: Int, logs: Logs) throws { try batchEnd?(batch, logs) }
}
