/// A shape a user or a file asked for that does not fit the tensor it was applied to.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
    public let from: [Int]
    public let to: [Int]
    /// Why the request failed, completing "cannot reshape A to B: ...".
    public let reason: String

    public var description: String { "cannot reshape \(from) to \(to): \(reason)" }
}
