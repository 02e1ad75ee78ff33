import Tensors

/// Re-runs one batch layer by layer to find where a number first went non-finite: a layer's
/// weights, then each layer's output in forward order, the loss, then each gradient in the
/// order backpropagation produces them.
enum NonFiniteFinder {
    /// The first layer at fault and what went wrong, or nil when the whole step is finite.
    static func find(model: Sequential, x: Tensor, y: Tensor) -> (layer: String, detail: String)? {
        let layers = model.layers
        for layer in layers {
            for p in layer.parameters where !isFinite(p.value) {
                return (layer.name, "weight '\(p.name)' holds a non-finite value (\(firstBad(p.value)))")
            }
        }
        var t = x
        for layer in layers {
            t = layer.forward(t, training: true)
            if !isFinite(t) { return (layer.name, "output went non-finite (\(firstBad(t)))") }
        }
        guard let loss = model.compiledLoss, let last = layers.last else { return nil }
        let gradient = Tensor(zeros: t.shape)
        let fused = model.fusedLoss
        let value = model.lossAndGradient(t, y, into: gradient, loss: loss, fused: fused)
        if !value.isFinite { return (last.name, "output gives a non-finite \(loss.id) loss (\(value))") }
        if !isFinite(gradient) { return (last.name, "output gives a non-finite \(loss.id) gradient (\(firstBad(gradient)))") }
        // The same walk as Sequential.backward, checked after every layer.
        var g = gradient
        for (i, layer) in layers.enumerated().reversed() {
            let next = fused != nil && i == layers.count - 1
                ? layer.backward(fusedGradient: g, needInputGradient: i > 0)
                : layer.backward(g, needInputGradient: i > 0)
            for p in layer.parameters where !isFinite(p.gradient) {
                return (layer.name, "gradient of weight '\(p.name)' went non-finite (\(firstBad(p.gradient)))")
            }
            guard let next else { break }
            if !isFinite(next) { return (layer.name, "input gradient went non-finite (\(firstBad(next)))") }
            g = next
        }
        return nil
    }

    static func isFinite(_ t: Tensor) -> Bool {
        // One vectorisable pass: x * 0 is NaN exactly when x is inf or NaN.
        var acc: Float = 0
        let p = t.pointer
        for i in 0..<t.count { acc += p[i] * 0 }
        return !acc.isNaN
    }

    private static func firstBad(_ t: Tensor) -> String {
        guard let i = (0..<t.count).first(where: { !t[$0].isFinite }) else { return "none" }
        return "\(t[i]) at row \(i / max(t.rowLength, 1)), column \(i % max(t.rowLength, 1))"
    }
}
