/// A hyperparameter a task accepts in a sweep file's grid: its Keras-style name, default and
/// the values it takes, so every file is checked before any run starts.
public struct SweepParameter: Sendable {
    /// What values are accepted.
    public enum Kind: Sendable {
        /// A whole number in the range.
        case whole(ClosedRange<Int>)
        /// A finite number greater than the first bound and at most the second.
        case positive(upTo: Double)
        /// A finite number in the range.
        case real(ClosedRange<Double>)
        /// One of these texts.
        case choice([String])
        /// A text the closure accepts (it throws a message saying why not).
        case text(@Sendable (String) throws -> Void)
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: SweepValue
    public var help: String

    public init(_ name: String, _ kind: Kind, default defaultValue: SweepValue, help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The value if it is acceptable (whole numbers normalised), else a message saying what is expected.
    public func check(_ value: SweepValue) -> Result<SweepValue, SweepError> {
        switch (kind, value) {
        case let (.whole(range), .number(v)):
            guard let n = value.whole, range.contains(n) else {
                return .failure(SweepError("expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(number(v))"))
            }
            return .success(.number(Double(n)))
        case let (.positive(limit), .number(v)):
            guard v.isFinite, v > 0, v <= limit else {
                return .failure(SweepError("expected a number above 0 and at most \(number(limit)), got \(number(v))"))
            }
            return .success(value)
        case let (.real(range), .number(v)):
            guard v.isFinite, range.contains(v) else {
                return .failure(SweepError("expected a number from \(number(range.lowerBound)) to \(number(range.upperBound)), got \(number(v))"))
            }
            return .success(value)
        case let (.choice(options), .text(t)):
            guard options.contains(t) else {
                return .failure(SweepError("expected one of \(options.joined(separator: ", ")), got '\(t)'"))
            }
            return .success(value)
        case let (.text(accept), .text(t)):
            do { try accept(t) } catch { return .failure(SweepError("\(error)")) }
            return .success(value)
        case (.choice, .number), (.text, .number):
            return .failure(SweepError("expected a text, got the number \(value)"))
        case (_, .text(let t)):
            return .failure(SweepError("expected a number, got the text '\(t)'"))
        }
    }

    private func number(_ v: Double) -> String { SweepValue.number(v).description }
}
