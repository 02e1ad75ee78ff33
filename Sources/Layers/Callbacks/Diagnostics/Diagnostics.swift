import Activations
import COpenBLAS
import Tensors

/// Per-layer training diagnostics, added to each epoch's logs as `<layer>/<metric>` so that
/// History, CSVLogger and TensorBoard see them (put it before those callbacks):
///
/// - `grad_norm`: the L2 norm of the layer's parameter gradients, averaged over the epoch's batches.
/// - `update_ratio`: ‖w_end − w_start‖ / ‖w_start‖ over the epoch, all trainable tensors of the layer.
/// - `dead_fraction`: the fraction of units whose activation derivative is exactly 0 on every
///   sampled row (a ReLU that never fires); for layers without an element-wise activation,
///   units whose output is exactly 0 on every row.
/// - `saturated_fraction`: the fraction of outputs within 1% of a finite bound the activation
///   approaches but never reaches (sigmoid's 0 and 1, tanh's ±1, ELU's −alpha); only for such activations.
/// - `activation_mean`, `activation_std`: of the layer's outputs over the sample.
///
/// The last four come from one inference pass (training: false) at each epoch's end over the
/// first `maxRows` rows of `sample` (normally the training inputs), in chunks of the batch size
/// so that the layers' buffers do not grow. Gradient norms cost one norm per layer per batch.
public final class Diagnostics: Callback {
    public static let metrics = ["grad_norm", "update_ratio", "dead_fraction", "saturated_fraction", "activation_mean", "activation_std"]

    public let sample: Tensor
    public let maxRows: Int

    private var layers: [any Layer] = []
    /// Each layer's trainable gradients, gathered once: `parameters` builds an array per call,
    /// and the batch end must not allocate.
    private var gradients: [[Tensor]] = []
    private var gradientSums: [Double] = []
    private var batches = 0
    private var epochStart: [[Tensor]] = []
    private var chunk: Tensor?
    private var ones: Tensor?
    private var slopes: Tensor?
    private var saturation: [SaturationBounds?] = []

    public init(sample: Tensor, maxRows: Int = 10_000) {
        precondition(maxRows > 0, "Diagnostics needs at least one row")
        self.sample = sample
        self.maxRows = maxRows
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        guard sample.rank >= 1, Array(sample.shape.dropFirst()) == (model.inputShape ?? []) else {
            throw LayerError.invalidData("diagnostics sample has shape \(sample.shape); the model expects rows of \(model.inputShape ?? [])")
        }
        layers = model.layers
        gradients = layers.map { $0.parameters.filter(\.isTrainable).map(\.gradient) }
        gradientSums = Array(repeating: 0, count: layers.count)
        epochStart = layers.map { $0.parameters.map { Tensor(zeros: $0.value.shape) } }
        let rows = max(1, min(parameters.batchSize, sample.rows, maxRows))
        chunk = Tensor(zeros: [rows] + sample.shape.dropFirst())
        // Slopes are taken only where the activation keeps the width, so the widest output bounds them.
        let widest = layers.map { $0.outputShape.reduce(1, *) }.max() ?? 1
        ones = Tensor(repeating: 1, shape: [rows, widest])
        slopes = Tensor(zeros: ones!.shape)
        saturation = layers.map { SaturationBounds(($0 as? any ActivatedLayer)?.activation) }
    }

    public func onEpochBegin(_ epoch: Int) throws {
        batches = 0
        for i in gradientSums.indices { gradientSums[i] = 0 }
        for (copies, layer) in zip(epochStart, layers) {
            for (c, p) in zip(copies, layer.parameters) { c.pointer.update(from: p.value.pointer, count: p.value.count) }
        }
    }

    public func onBatchEnd(_ batch: Int, logs: Logs) throws {
        batches += 1
        _ = BLAS.prepared
        for i in gradients.indices {
            var squares = 0.0
            for g in gradients[i] {
                let n = Double(cblas_snrm2(Int32(g.count), g.pointer, 1))
                squares += n * n
            }
            gradientSums[i] += squares.squareRoot()
        }
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        let statistics = activationStatistics()
        for (i, layer) in layers.enumerated() {
            let name = layer.name
            if !layer.parameters.isEmpty {
                logs[name + "/grad_norm"] = gradientSums[i] / Double(max(batches, 1))
                logs[name + "/update_ratio"] = updateRatio(layer: i)
            }
            let s = statistics[i]
            logs[name + "/dead_fraction"] = s.deadFraction
            if let saturated = s.saturatedFraction { logs[name + "/saturated_fraction"] = saturated }
            logs[name + "/activation_mean"] = s.mean
            logs[name + "/activation_std"] = s.standardDeviation
        }
    }

    private func updateRatio(layer i: Int) -> Double {
        var change = 0.0, start = 0.0
        for (c, p) in zip(epochStart[i], layers[i].parameters) {
            for k in 0..<c.count {
                let (a, b) = (Double(c.pointer[k]), Double(p.value.pointer[k]))
                change += (b - a) * (b - a)
                start += a * a
            }
        }
        // An all-zero start (a layer of biases only) has no scale to compare with.
        return start > 0 ? (change / start).squareRoot() : 0
    }

    /// One inference pass over the sample, layer by layer, accumulating each layer's statistics.
    private func activationStatistics() -> [LayerActivationStatistics] {
        guard let chunk, let ones, let slopes else { return [] }
        var stats = layers.map { _ in LayerActivationStatistics() }
        let total = min(sample.rows, maxRows)
        for start in stride(from: 0, to: total, by: chunk.shape[0]) {
            let range = start..<min(start + chunk.shape[0], total)
            sample.gatherRows(range, into: chunk)
            var t = chunk
            for (i, layer) in layers.enumerated() {
                t = layer.forward(t, training: false)
                var derivative: UnsafePointer<Float>?
                if let a = layer as? any ActivatedLayer, a.activation.isElementwise, let x = a.activationInput,
                   x.count == t.count, x.count <= slopes.capacity {
                    // dy = 1 turns the backward rule into f'(x), element by element.
                    a.activation.backward(x: x.pointer, y: t.pointer, dy: ones.pointer, dx: slopes.pointer, rows: 1, columns: x.count)
                    derivative = UnsafePointer(slopes.pointer)
                }
                stats[i].add(output: t, derivative: derivative, bounds: saturation[i])
            }
        }
        return stats
    }
}
