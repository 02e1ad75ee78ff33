import Tensors

/// What a layer will be once built, known from its configuration and input shape alone: the
/// summary and the size check before allocation read it, so neither needs the weights.
public struct LayerPlan: Sendable, Equatable {
    public let outputShape: [Int]
    /// Shapes of the trainable tensors, in `parameters` order.
    public let trainableShapes: [[Int]]
    /// Shapes of the non-trainable tensors, in `state` order.
    public let stateShapes: [[Int]]
    public let trainableCount: Int
    public let nonTrainableCount: Int

    /// Throws, naming `layer`, when a count overflows a 64-bit integer.
    public init(layer: String, outputShape: [Int], trainable: [[Int]], state: [[Int]] = []) throws {
        func count(_ shapes: [[Int]]) throws -> Int {
            var total = 0
            for shape in shapes {
                guard let n = MemoryBudget.product(shape) else {
                    throw LayerError.invalidArgument(layer: layer, message: "a weight of shape \(shape) has more values than a 64-bit count holds")
                }
                let (sum, overflow) = total.addingReportingOverflow(n)
                guard !overflow else {
                    throw LayerError.invalidArgument(layer: layer, message: "the weights have more values than a 64-bit count holds")
                }
                total = sum
            }
            return total
        }
        self.outputShape = outputShape
        trainableShapes = trainable
        stateShapes = state
        trainableCount = try count(trainable)
        nonTrainableCount = try count(state)
    }

    /// Every value the layer stores, or nil when the sum overflows.
    public var totalCount: Int? {
        let (sum, overflow) = trainableCount.addingReportingOverflow(nonTrainableCount)
        return overflow ? nil : sum
    }
}
