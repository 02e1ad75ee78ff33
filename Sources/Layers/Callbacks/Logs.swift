/// Metric name -> value, as Keras passes `logs` to callbacks: `loss`, `accuracy`, `val_loss`, ...
///
/// Keys keep the order they were added in, and updating an existing key's value writes in place,
/// so `fit` refreshes the batch logs without allocating.
public struct Logs: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public private(set) var keys: [String] = []
    public private(set) var values: [Double] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, Double)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// Keys with initial values of 0, in order.
    init(keys: [String]) {
        self.keys = keys
        self.values = Array(repeating: 0, count: keys.count)
    }

    /// The value for `key`; assigning nil removes it.
    public subscript(key: String) -> Double? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue { values[i] = newValue } else { keys.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Sets the value at a known position (the batch loop's fast path).
    mutating func set(_ value: Double, at index: Int) { values[index] = value }

    public var isEmpty: Bool { keys.isEmpty }

    public func makeIterator() -> Zip2Sequence<[String], [Double]>.Iterator { zip(keys, values).makeIterator() }

    public var description: String { zip(keys, values).map { "\($0): \($1)" }.joined(separator: ", ") }
}
