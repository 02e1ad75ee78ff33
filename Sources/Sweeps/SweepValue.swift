/// One hyperparameter value: a number (learning rate, epochs) or a text (an optimizer, a curve).
public enum SweepValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case text(String)

    /// The number, or nil for a text.
    public var number: Double? { if case let .number(v) = self { v } else { nil } }
    /// The text, or nil for a number.
    public var text: String? { if case let .text(v) = self { v } else { nil } }

    /// The number as a whole number, or nil when it is a text or has a fraction.
    public var whole: Int? {
        guard let v = number, v == v.rounded(), abs(v) < 9.0e15 else { return nil }
        return Int(v)
    }

    /// How the value enters a run's id and the tables: whole numbers without a decimal point,
    /// others as Swift's shortest round-trip form, which every machine prints alike.
    public var description: String {
        switch self {
        case let .number(v): whole.map(String.init) ?? "\(v)"
        case let .text(t): t
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Text first: a decoder that reads "nan" as a number must not turn a text value into one.
        if let t = try? c.decode(String.self) { self = .text(t) } else { self = .number(try c.decode(Double.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .number(v): try c.encode(v)
        case let .text(t): try c.encode(t)
        }
    }
}
