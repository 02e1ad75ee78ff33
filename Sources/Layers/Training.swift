import Activations
import Foundation
import Tensors

/// Keras's `compile`, `fit`, `evaluate` and `predict`.
extension Sequential {
    /// Chooses the optimizer and loss and builds the weights. Metrics: only "accuracy" exists, and it is always reported.
    public func compile(optimizer: any Optimizer, loss: any Loss, metrics: [String] = ["accuracy"]) throws {
        for m in metrics where m != "accuracy" && m != "acc" {
            throw LayerError.invalidData("unknown metric '\(m)'; valid metrics: accuracy")
        }
        try build()
        self.optimizer = optimizer
        self.loss = loss
    }

    /// `compile(optimizer: "rmsprop", loss: "categorical_crossentropy")` with Keras ids and defaults.
    public func compile(optimizer: String, loss: String, metrics: [String] = ["accuracy"]) throws {
        try compile(optimizer: Optimizers.named(optimizer), loss: Losses.named(loss), metrics: metrics)
    }

    /// Trains for `epochs` passes over (x, y) in mini-batches, returning the per-epoch history.
    /// `validationSplit` holds out the last fraction of the rows before shuffling, as Keras does.
    @discardableResult
    public func fit(x: Tensor, y: Tensor, epochs: Int = 1, batchSize: Int = 32,
                    validationSplit: Double = 0, validationData: (x: Tensor, y: Tensor)? = nil,
                    shuffle: Bool = true, verbose: Verbosity = .auto,
                    output: ((String) -> Void)? = nil) throws -> History {
        guard let optimizer, let loss else { throw LayerError.notCompiled }
        guard epochs > 0 else { throw LayerError.invalidData("epochs must be positive, got \(epochs)") }
        guard batchSize > 0 else { throw LayerError.invalidData("batch size must be positive, got \(batchSize)") }
        guard (0..<1).contains(validationSplit) else {
            throw LayerError.invalidData("validation split must be in [0, 1), got \(validationSplit)")
        }
        try validate(x: x, y: y, role: "training")
        var trainRows = x.rows
        var validation = validationData
        if let v = validation { try validate(x: v.x, y: v.y, role: "validation") }
        if validationSplit > 0 && validation == nil {
            let held = Int(Double(x.rows) * validationSplit)
            trainRows = x.rows - held
            guard trainRows > 0, held > 0 else {
                throw LayerError.invalidData("validation split \(validationSplit) leaves no rows for training or validation (\(x.rows) rows)")
            }
            validation = (x.rows(trainRows..<x.rows), y.rows(trainRows..<y.rows))
        }

        let reporter = ProgressReporter(verbose, write: output)
        let steps = (trainRows + batchSize - 1) / batchSize
        let xb = Tensor(zeros: [batchSize] + x.shape.dropFirst())
        let yb = Tensor(zeros: [batchSize] + y.shape.dropFirst())
        let gradient = Tensor(zeros: [batchSize] + outputShape)
        let fused = fusedSoftmaxLoss
        let parameters = self.parameters
        var history = History()
        var order = Array(0..<trainRows)

        for epoch in 1...epochs {
            reporter.beginEpoch(epoch, of: epochs)
            if shuffle { rng.shuffle(&order) }
            let start = Date()
            var lossSum = 0.0, correct = 0, judged = 0, seen = 0
            for step in 0..<steps {
                let batch = order[(step * batchSize)..<min((step + 1) * batchSize, trainRows)]
                x.gatherRows(batch, into: xb)
                y.gatherRows(batch, into: yb)
                let prediction = forward(xb, training: true)
                gradient.resize(rows: batch.count)
                let value: Float
                if let fused {
                    value = fused.compute(predictions: prediction, targets: yb, gradient: nil)
                    fused.softmaxPreActivationGradient(probabilities: prediction, targets: yb, into: gradient)
                } else {
                    value = loss.compute(predictions: prediction, targets: yb, gradient: gradient)
                }
                backward(gradient, fusedSoftmax: fused != nil)
                optimizer.update(parameters)
                lossSum += Double(value) * Double(batch.count)
                seen += batch.count
                let c = loss.accuracyKind.correct(predictions: prediction, targets: yb)
                correct += c.correct
                judged += c.total
                reporter.update(samples: seen, of: trainRows, steps: step + 1, elapsed: Date().timeIntervalSince(start),
                                loss: lossSum / Double(seen), accuracy: Double(correct) / Double(max(judged, 1)))
            }
            let seconds = Date().timeIntervalSince(start)
            var record = History.Epoch(epoch: epoch, loss: lossSum / Double(max(seen, 1)),
                                       accuracy: Double(correct) / Double(max(judged, 1)), seconds: seconds)
            var metrics = [("accuracy", record.accuracy), ("loss", record.loss)]
            if let v = validation {
                let r = try evaluate(x: v.x, y: v.y, batchSize: max(batchSize, 256))
                record.valLoss = r.loss
                record.valAccuracy = r.accuracy
                metrics += [("val_accuracy", r.accuracy), ("val_loss", r.loss)]
            }
            reporter.endEpoch(samples: trainRows, steps: steps, elapsed: seconds, metrics: metrics)
            history.epochs.append(record)
        }
        return history
    }

    /// Mean loss and accuracy over (x, y), computed in batches without training behaviour.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 256) throws -> (loss: Double, accuracy: Double) {
        guard let loss else { throw LayerError.notCompiled }
        try validate(x: x, y: y, role: "evaluation")
        var lossSum = 0.0, correct = 0, judged = 0
        let xb = Tensor(zeros: [batchSize] + x.shape.dropFirst())
        let yb = Tensor(zeros: [batchSize] + y.shape.dropFirst())
        for start in stride(from: 0, to: x.rows, by: batchSize) {
            let range = start..<min(start + batchSize, x.rows)
            x.gatherRows(range, into: xb)
            y.gatherRows(range, into: yb)
            let p = forward(xb, training: false)
            lossSum += Double(loss.compute(predictions: p, targets: yb, gradient: nil)) * Double(range.count)
            let c = loss.accuracyKind.correct(predictions: p, targets: yb)
            correct += c.correct
            judged += c.total
        }
        return (lossSum / Double(max(x.rows, 1)), Double(correct) / Double(max(judged, 1)))
    }

    /// The model's outputs for every row of x.
    public func predict(_ x: Tensor, batchSize: Int = 256) throws -> Tensor {
        try build()
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
        for layer in layers { t = layer.forward(t, training: training) }
        return t
    }

    func validateInput(_ x: Tensor, role: String) throws {
        guard let shape = inputShape else { throw LayerError.noInputShape }
        guard Array(x.shape.dropFirst()) == shape else {
            throw LayerError.shapeMismatch(layer: layers[0].name, expected: "per-sample shape \(shape) (\(role) data)",
                                           got: Array(x.shape.dropFirst()))
        }
        if let bad = firstNonFinite(x) {
            throw LayerError.invalidData("\(role) inputs contain \(x[bad]) at row \(bad / max(x.rowLength, 1)), column \(bad % max(x.rowLength, 1)); expected finite numbers")
        }
    }

    func validate(x: Tensor, y: Tensor, role: String) throws {
        try validateInput(x, role: role)
        guard x.rows == y.rows else {
            throw LayerError.invalidData("\(role) data: \(x.rows) input rows but \(y.rows) target rows; expected equal counts")
        }
        let expected = loss?.accuracyKind == .sparseCategorical ? [1] : outputShape
        guard Array(y.shape.dropFirst()) == expected || (expected == [1] && y.rank == 1) else {
            throw LayerError.shapeMismatch(layer: layers[layers.count - 1].name,
                                           expected: "targets of per-sample shape \(expected) (\(role) data)",
                                           got: Array(y.shape.dropFirst()))
        }
        if let bad = firstNonFinite(y) {
            throw LayerError.invalidData("\(role) targets contain \(y[bad]) at row \(bad / max(y.rowLength, 1)); expected finite numbers")
        }
        if expected == [1], loss?.accuracyKind == .sparseCategorical, let classes = outputShape.first {
            for r in 0..<y.rows where !(0..<Float(classes)).contains(y[r]) || y[r] != y[r].rounded() {
                throw LayerError.invalidData("\(role) label \(y[r]) at row \(r) is not a class index in 0..<\(classes)")
            }
        }
    }
}

private func firstNonFinite(_ t: Tensor) -> Int? {
    var bad = false
    let p = t.pointer
    // A branch-free sum first: one vectorised pass answers the common all-finite case.
    var acc: Float = 0
    for i in 0..<t.count { acc += p[i] * 0 }
    if acc.isNaN { bad = true }
    guard bad else { return nil }
    return (0..<t.count).first { !p[$0].isFinite }
}
