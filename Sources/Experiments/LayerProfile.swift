import Foundation
import Layers
import Tensors

/// Where a training step's time goes: each layer's forward and backward pass timed on its own
/// over a number of batches, the weights left untouched (no optimizer step).
public enum LayerProfile {
    public struct Entry: Sendable {
        public let layer: String
        public let forwardSeconds: Double
        public let backwardSeconds: Double
    }

    /// Mean seconds per batch of `batchSize` rows of `x` (its first rows), over `batches` passes.
    public static func measure(_ model: Sequential, x: Tensor, batchSize: Int, batches: Int) throws -> [Entry] {
        try model.build()
        let rows = min(batchSize, x.rows)
        guard rows > 0, batches > 0 else { return [] }
        let batch = x.rows(0..<rows)
        let layers = model.layers
        var forward = [Double](repeating: 0, count: layers.count), backward = forward
        // The upstream gradient: any values of the output's shape time the same.
        let gradient = Tensor(repeating: 0.01, shape: [rows] + model.outputShape)
        let first = layers.firstIndex { !$0.isInputDeclaration } ?? 0
        for _ in 0..<batches {
            var t = batch
            for (i, layer) in layers.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                t = layer.forward(t, training: true)
                forward[i] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            var g = gradient
            for (i, layer) in layers.enumerated().reversed() {
                let start = DispatchTime.now().uptimeNanoseconds
                let next = i == layers.count - 1 && layer.outputFusion != nil
                    ? layer.backward(fusedGradient: g, needInputGradient: i > first)
                    : layer.backward(g, needInputGradient: i > first)
                backward[i] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                guard let next else { break }
                g = next
            }
        }
        return layers.indices.map { Entry(layer: layers[$0].name, forwardSeconds: forward[$0] / Double(batches),
                                          backwardSeconds: backward[$0] / Double(batches)) }
    }
}
