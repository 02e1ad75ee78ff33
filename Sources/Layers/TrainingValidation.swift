import Tensors

/// The checks `fit`, `evaluate` and `predict` make before touching any data.
extension Sequential {
    /// Validates fit's arguments and data; returns the training row count and the validation set.
    func checkFitArguments(x: Tensor, y: Tensor, epochs: Int, batchSize: Int, validationSplit: Double,
                           validationData: (x: Tensor, y: Tensor)?) throws -> (rows: Int, validation: (x: Tensor, y: Tensor)?) {
        guard epochs > 0 else { throw LayerError.invalidData("epochs must be positive, got \(epochs)") }
        guard batchSize > 0 else { throw LayerError.invalidData("batch size must be positive, got \(batchSize)") }
        guard (0..<1).contains(validationSplit) else {
            throw LayerError.invalidData("validation split must be in [0, 1), got \(validationSplit)")
        }
        try validate(x: x, y: y, role: "training")
        if let v = validationData {
            try validate(x: v.x, y: v.y, role: "validation")
            return (x.rows, v)
        }
        guard validationSplit > 0 else { return (x.rows, nil) }
        let held = Int(Double(x.rows) * validationSplit)
        let trainRows = x.rows - held
        guard trainRows > 0, held > 0 else {
            throw LayerError.invalidData("validation split \(validationSplit) leaves no rows for training or validation (\(x.rows) rows)")
        }
        return (trainRows, (x.rows(trainRows..<x.rows), y.rows(trainRows..<y.rows)))
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
        let expected = loss?.expectsClassIndices == true ? [1] : outputShape
        guard Array(y.shape.dropFirst()) == expected || (expected == [1] && y.rank == 1) else {
            throw LayerError.shapeMismatch(layer: layers[layers.count - 1].name,
                                           expected: "targets of per-sample shape \(expected) (\(role) data)",
                                           got: Array(y.shape.dropFirst()))
        }
        if let bad = firstNonFinite(y) {
            throw LayerError.invalidData("\(role) targets contain \(y[bad]) at row \(bad / max(y.rowLength, 1)); expected finite numbers")
        }
        if expected == [1], loss?.expectsClassIndices == true, let classes = outputShape.first {
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
