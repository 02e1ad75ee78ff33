import Tensors

/// How much of a data set `trainTestSplit` holds out, as scikit-learn's `test_size`: a fraction
/// (`0.166`, giving ceil(0.166 * n) test rows) or a row count (`7000`).
public enum TestSize: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case fraction(Double)
    case count(Int)

    public init(floatLiteral value: Double) { self = .fraction(value) }
    public init(integerLiteral value: Int) { self = .count(value) }

    /// The number of test rows out of `n`, by scikit-learn's rules: a fraction must lie in (0, 1)
    /// and is rounded up, a count must lie in 1..<n, and at least one row must be left to train on.
    public func testRows(of n: Int) throws -> Int {
        let rows: Int
        switch self {
        case let .fraction(f):
            guard f > 0, f < 1 else { throw SplitError("testSize \(f) should be a fraction in (0, 1) or a row count") }
            rows = Int((f * Double(n)).rounded(.up))
        case let .count(c):
            guard c > 0, c < n else { throw SplitError("testSize \(c) should be a row count in 1..<\(n) (the number of samples) or a fraction in (0, 1)") }
            rows = c
        }
        guard rows < n else { throw SplitError("with \(n) samples and testSize \(self), the training set would be empty") }
        return rows
    }
}

extension TestSize: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .fraction(f): return "\(f)"
        case let .count(c): return "\(c)"
        }
    }
}

/// A split that cannot be made as asked.
public struct SplitError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Row indices of a train/test split of `count` samples, as scikit-learn's `ShuffleSplit`: with
/// `shuffle` a seeded permutation whose first rows are the test set, otherwise the first rows
/// train and the last ones test.
public func trainTestIndices(count: Int, testSize: TestSize = 0.25, seed: UInt64 = 0, shuffle: Bool = true) throws
    -> (train: [Int], test: [Int]) {
    let testRows = try testSize.testRows(of: count)
    guard shuffle else { return (Array(0..<(count - testRows)), Array((count - testRows)..<count)) }
    var rng = RandomGenerator(seed: seed)
    let order = rng.permutation(count)
    return (Array(order[testRows...]), Array(order[..<testRows]))
}

/// scikit-learn's `train_test_split(x, y, test_size=, random_state=, shuffle=)` for images (any
/// rank: rows are the first dimension) and class labels.
public func trainTestSplit(_ x: Tensor, _ y: [Int], testSize: TestSize = 0.25, seed: UInt64 = 0, shuffle: Bool = true) throws
    -> (xTrain: Tensor, xTest: Tensor, yTrain: [Int], yTest: [Int]) {
    guard x.rows == y.count else { throw SplitError("x has \(x.rows) rows but y has \(y.count) labels; expected one label per row") }
    let (train, test) = try trainTestIndices(count: y.count, testSize: testSize, seed: seed, shuffle: shuffle)
    try MemoryBudget.check(shape: x.shape, for: "the split copy of x")
    return (x.gatherRows(train), x.gatherRows(test), train.map { y[$0] }, test.map { y[$0] })
}

/// `trainTestSplit` with targets in a tensor (one-hot rows, regression values).
public func trainTestSplit(_ x: Tensor, _ y: Tensor, testSize: TestSize = 0.25, seed: UInt64 = 0, shuffle: Bool = true) throws
    -> (xTrain: Tensor, xTest: Tensor, yTrain: Tensor, yTest: Tensor) {
    guard x.rows == y.rows else { throw SplitError("x has \(x.rows) rows but y has \(y.rows); expected the same number") }
    let (train, test) = try trainTestIndices(count: x.rows, testSize: testSize, seed: seed, shuffle: shuffle)
    try MemoryBudget.check(elements: x.count + y.count, for: "the split copies of x and y")
    return (x.gatherRows(train), x.gatherRows(test), y.gatherRows(train), y.gatherRows(test))
}
