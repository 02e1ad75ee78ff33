import Activations
import Foundation
import Tensors

/// Keras's `compile`, `fit`, `evaluate` and `predict`.
extension Sequential {
    /// Chooses the optimizer, loss and metrics (Keras ids: `accuracy`, `mae`, ...; none by
    /// default, as in Keras) and builds the weights.
    public func compile(optimizer: any Optimizer, loss: any Loss, metrics: [String] = []) throws {
        try build()
        let built = try metrics.map { try Metrics.named($0, loss: loss, outputShape: outputShape) }
        self.optimizer = optimizer
        self.loss = loss
        training.metrics = built
    }

    /// `compile(optimizer: "rmsprop", loss: "categorical_crossentropy")` with Keras ids and defaults.
    public func compile(optimizer: String, loss: String, metrics: [String] = []) throws {
        try compile(optimizer: Optimizers.named(optimizer), loss: Losses.named(loss), metrics: metrics)
    }

    /// Trains for `epochs` passes over (x, y) in mini-batches, telling `callbacks` each event
    /// (then a `HistoryRecorder`), and returns the per-epoch history. `validationSplit` holds out the last fraction of the
    /// rows before shuffling, as Keras does. A `cancellation` is checked between batches: the
    /// batch in progress finishes and the epochs completed so far are returned. `initialEpoch`
    /// (Keras `initial_epoch`) starts at that epoch, continuing the shuffles from the row order
    /// the model holds (`shuffleOrder`), so a run restored from a checkpoint ends where an
    /// uninterrupted one does; the history then holds the epochs run by this call.
    @discardableResult
    public func fit(x: Tensor, y: Tensor, epochs: Int = 1, batchSize: Int = 32,
                    validationSplit: Double = 0, validationData: (x: Tensor, y: Tensor)? = nil,
                    shuffle: Bool = true, callbacks: [any Callback] = [],
                    initialEpoch: Int = 0, cancellation: CancellationToken? = nil) throws -> History {
        guard let optimizer, let loss else { throw LayerError.notCompiled }
        let (trainRows, validation) = try checkFitArguments(x: x, y: y, epochs: epochs, batchSize: batchSize,
                                                            validationSplit: validationSplit, validationData: validationData)
        guard (0..<epochs).contains(initialEpoch) else {
            throw LayerError.invalidData("initial epoch must be in 0..<\(epochs) (the epochs), got \(initialEpoch)")
        }
        let steps = (trainRows + batchSize - 1) / batchSize
        let xb = Tensor(zeros: [batchSize] + x.shape.dropFirst())
        let yb = Tensor(zeros: [batchSize] + y.shape.dropFirst())
        let gradient = Tensor(zeros: [batchSize] + outputShape)
        let fused = fusedLoss
        let parameters = self.parameters
        let metrics = training.metrics
        let recorder = HistoryRecorder()
        let list = CallbackList(callbacks + [recorder])
        if initialEpoch == 0 || training.order.count != trainRows { training.order = Array(0..<trainRows) }
        var logs = Logs(keys: ["loss"] + metrics.map(\.name))
        var lastLogs = Logs()

        training.stopTraining = false
        training.batch = (xb, yb)
        defer { training.batch = nil }
        try list.onTrainBegin(model: self, parameters: TrainingParameters(epochs: epochs, steps: steps,
                                                                          samples: trainRows, batchSize: batchSize))
        epochs: for epoch in initialEpoch..<epochs {
            if cancellation?.isCancelled == true { break }
            for m in metrics { m.reset() }
            try list.onEpochBegin(epoch)
            if shuffle { rng.shuffle(&training.order) }
            var lossSum = 0.0, seen = 0
            for step in 0..<steps {
                if cancellation?.isCancelled == true { break epochs }
                try list.onBatchBegin(step)
                let batch = training.order[(step * batchSize)..<min((step + 1) * batchSize, trainRows)]
                x.gatherRows(batch, into: xb)
                y.gatherRows(batch, into: yb)
                gradient.resize(rows: batch.count)
                let (value, prediction) = trainStep(xb, yb, gradient: gradient, loss: loss, fused: fused)
                optimizer.update(parameters)
                lossSum += Double(value) * Double(batch.count)
                seen += batch.count
                logs.set(lossSum / Double(seen), at: 0)
                for (i, m) in metrics.enumerated() {
                    m.update(predictions: prediction, targets: yb)
                    logs.set(m.result, at: i + 1)
                }
                try list.onBatchEnd(step, logs: logs)
                if training.stopTraining { break }
            }
            var epochLogs = logs
            if let v = validation {
                for (key, value) in try evaluate(x: v.x, y: v.y, batchSize: max(batchSize, 256)).sorted(by: { $0.key < $1.key }) {
                    epochLogs["val_" + key] = value
                }
            }
            try list.onEpochEnd(epoch, logs: &epochLogs)
            lastLogs = epochLogs
            if training.stopTraining { break }
        }
        try list.onTrainEnd(logs: lastLogs)
        return recorder.history
    }

    /// Forward, loss and backward on one batch, the softmax fused with the loss when it can be;
    /// returns the batch's mean loss (before any update) and the predictions.
    private func trainStep(_ xb: Tensor, _ yb: Tensor, gradient: Tensor, loss: any Loss,
                           fused: (any FusableLoss)?) -> (loss: Float, predictions: Tensor) {
        let prediction = forward(xb, training: true)
        let value = lossAndGradient(prediction, yb, into: gradient, loss: loss, fused: fused)
        backward(gradient, fusedOutput: fused != nil)
        return (value, prediction)
    }

    /// Keras `evaluate(..., return_dict=True)`: the mean loss and each compiled metric over
    /// (x, y), computed in batches without training behaviour, keyed `loss`, `accuracy`, ...
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 256) throws -> [String: Double] {
        guard let loss else { throw LayerError.notCompiled }
        guard batchSize > 0 else { throw LayerError.invalidData("batch size must be positive, got \(batchSize)") }
        try validate(x: x, y: y, role: "evaluation")
        let metrics = training.metrics
        for m in metrics { m.reset() }
        var lossSum = 0.0
        let xb = Tensor(zeros: [batchSize] + x.shape.dropFirst())
        let yb = Tensor(zeros: [batchSize] + y.shape.dropFirst())
        for start in stride(from: 0, to: x.rows, by: batchSize) {
            let range = start..<min(start + batchSize, x.rows)
            x.gatherRows(range, into: xb)
            y.gatherRows(range, into: yb)
            let p = forward(xb, training: false)
            lossSum += Double(loss.compute(predictions: p, targets: yb, gradient: nil)) * Double(range.count)
            for m in metrics { m.update(predictions: p, targets: yb) }
        }
        var result = ["loss": lossSum / Double(max(x.rows, 1))]
        for m in metrics { result[m.name] = m.result }
        return result
    }

    /// The model's outputs for every row of x.
    public func predict(_ x: Tensor, batchSize: Int = 256) throws -> Tensor {
        try build()
        guard batchSize > 0 else { throw LayerError.invalidData("batch size must be positive, got \(batchSize)") }
        try validateInput(x, role: "prediction")
        let out = Tensor(zeros: [x.rows] + outputShape)
        let xb = Tensor(zeros: [batchSize] + x.shape.dropFirst())
        for start in stride(from: 0, to: x.rows, by: batchSize) {
            let range = start..<min(start + batchSize, x.rows)
            x.gatherRows(range, into: xb)
            let p = forward(xb, training: false)
            (out.pointer + start * out.rowLength).update(from: p.pointer, count: p.count)
        }
        return out
    }

    func forward(_ input: Tensor, training: Bool) -> Tensor {
        var t = input
        for step in executionSteps { t = step.forward(t, training: training) }
        return t
    }
}
