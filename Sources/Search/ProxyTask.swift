import Activations

/// A training task that scores an activation: the unit of work of a search. The name states
/// every setting that changes a result, so an evaluation stored under (expression, name, seed)
/// is found again only by a task that would compute the same numbers.
public protocol ProxyTask: Sendable {
    var name: String { get }
    /// Trains with `activation` from `seed`; a run that diverges still returns metrics (its accuracy).
    func evaluate(_ activation: any ActivationFunction, seed: UInt64) throws -> ProxyMetrics
}

/// What one training run measured: accuracy on the validation split (which ranks candidates)
/// and on the held-out test split (which the finals report).
public struct ProxyMetrics: Codable, Sendable, Equatable {
    public var validationAccuracy: Double
    public var testAccuracy: Double
    /// The last epoch's training loss; NaN when training diverged.
    public var trainingLoss: Double

    public init(validationAccuracy: Double, testAccuracy: Double, trainingLoss: Double) {
        (self.validationAccuracy, self.testAccuracy, self.trainingLoss) = (validationAccuracy, testAccuracy, trainingLoss)
    }

    /// Rows whose highest output is the label's; a row with any non-finite output counts as wrong.
    static func accuracy(_ outputs: UnsafeBufferPointer<Float>, labels: [Int], classes: Int) -> Double {
        var right = 0
        for (r, label) in labels.enumerated() {
            let row = outputs[(r * classes)..<((r + 1) * classes)]
            guard row.allSatisfy(\.isFinite) else { continue }
            if row.indices.max(by: { row[$0] < row[$1] }).map({ $0 - r * classes }) == label { right += 1 }
        }
        return Double(right) / Double(max(labels.count, 1))
    }
}
