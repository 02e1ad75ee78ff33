import Foundation
import Layers
import Tensors

/// Where a training step's time goes: each step's forward and backward pass (a layer, or a run
/// of layers the model fuses) timed on its own over a number of batches, the weights left
/// untouched (no optimizer step).
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
        let steps = model.executionSteps, layers = model.layers
        var forward = [Double](repeating: 0, count: steps.count), backward = forward
        // The upstream gradient: any values of the output's shape time the same.
        let gradient = Tensor(repeating: 0.01, shape: [rows] + model.outputShape)
        let first = layers.firstIndex { !$0.isInputDeclaration } ?? 0
        let fusedOutput = layers.last?.outputFusion != nil
        for _ in 0..<batches {
            var t = batch
            for (i, step) in steps.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                t = step.forward(t, training: true)
                forward[i] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            var g = gradient
            for (i, step) in steps.enumerated().reversed() {
                let start = DispatchTime.now().uptimeNanoseconds
                let next = step.backward(g, needInputGradient: step.layers.lowerBound > first,
                                         fusedOutput: fusedOutput && step.layers.upperBound == layers.count)
                backward[i] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                guard let next else { break }
                g = next
            }
        }
        return steps.indices.map { Entry(layer: steps[$0].name, forwardSeconds: forward[$0] / Double(batches),
                                         backwardSeconds: backward[$0] / Double(batches)) }
    }
}
