/// One parameter of a registered activation: its Keras name, default, valid interval, and the
/// PyTorch default where PyTorch differs. Booleans and choices are 0/1 Doubles.
public struct ParameterSpec: Sendable, Equatable {
    public let name: String
    /// The default value; nil means "none" (e.g. relu's `max_value`: no cap).
    public let defaultValue: Double?
    public let lower: Double
    public let upper: Double
    public let lowerInclusive: Bool
    public let upperInclusive: Bool
    /// Only 0 and 1 (a flag) or whole numbers (a count).
    public let integral: Bool
    /// PyTorch's default where it differs from the Keras one, with where it comes from.
    public let pytorchDefault: String?
    /// Other names accepted for this parameter (`negative_slope` for leaky_relu's `alpha`).
    public let aliases: [String]
    public let summary: String

    public init(_ name: String, default defaultValue: Double?, _ summary: String,
                lower: Double = -.infinity, upper: Double = .infinity,
                lowerInclusive: Bool = true, upperInclusive: Bool = true, integral: Bool = false,
                pytorchDefault: String? = nil, aliases: [String] = []) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.lower = lower
        self.upper = upper
        self.lowerInclusive = lowerInclusive
        self.upperInclusive = upperInclusive
        self.integral = integral
        self.pytorchDefault = pytorchDefault
        self.aliases = aliases
    }

    /// A flag stored as 0 (false) or 1 (true).
    public static func flag(_ name: String, default value: Bool, _ summary: String, pytorchDefault: String? = nil) -> ParameterSpec {
        ParameterSpec(name, default: value ? 1 : 0, summary, lower: 0, upper: 1, integral: true, pytorchDefault: pytorchDefault)
    }

    /// The valid values as text, e.g. `[0, inf)` or `0 or 1`.
    public var validRange: String {
        if integral && lower == 0 && upper == 1 { return "0 or 1" }
        func show(_ v: Double) -> String { v.isInfinite ? (v > 0 ? "inf" : "-inf") : format4(v) }
        let open = lowerInclusive && lower.isFinite ? "[" : "("
        let close = upperInclusive && upper.isFinite ? "]" : ")"
        return (integral ? "integer in " : "") + "\(open)\(show(lower)), \(show(upper))\(close)"
    }

    /// Whether `v` is a valid value: inside the interval, and the same number (give or take
    /// rounding) once converted to the Float the kernels compute in.
    public func accepts(_ v: Double) -> Bool { inInterval(v) && Self.representable(v) }

    func inInterval(_ v: Double) -> Bool {
        guard v.isFinite, !integral || v == v.rounded() else { return false }
        let aboveLower = lowerInclusive ? v >= lower : v > lower
        let belowUpper = upperInclusive ? v <= upper : v < upper
        return aboveLower && belowUpper
    }

    /// 0, or a magnitude Float holds as a normal number. Beyond Float's range the value would
    /// become inf; below it, 0 or a subnormal, and functions that divide by it (softplus's
    /// 1 / beta, celu's x / alpha) would overflow.
    static func representable(_ v: Double) -> Bool {
        v == 0 || Float(v).isNormal
    }

    /// What a valid value looks like, for the message rejecting `v`: the interval, plus the
    /// Float limits when it is those that `v` breaks.
    public func expectation(for v: Double) -> String {
        guard inInterval(v) else { return validRange }
        let magnitudes = "a magnitude in [\(Float.leastNormalMagnitude), \(Float.greatestFiniteMagnitude)] (32-bit float)"
        return "\(validRange), and " + (inInterval(0) ? "0 or " : "") + magnitudes
    }
}

extension RegisteredActivation {
    /// The validated value of parameter `name` from a dictionary (its default when absent).
    /// Throws `invalidParameter` naming the valid range.
    public static func parameter(_ name: String, in p: [String: Double]) throws -> Double? {
        guard let spec = parameterSpecs.first(where: { $0.name == name }) else {
            preconditionFailure("\(id) declares no parameter '\(name)'")
        }
        let spellings = ([name] + spec.aliases).filter { p[$0] != nil }
        if spellings.count > 1 {
            // Two spellings of one parameter would otherwise have one silently ignored.
            throw ActivationError.invalidParameter(activation: id, parameter: spellings[1], value: p[spellings[1]]!,
                                                   expected: "only one of \(spellings.joined(separator: ", ")) (they are the same parameter)")
        }
        let given = spellings.first.flatMap { p[$0] }
        guard let v = given else { return spec.defaultValue }
        guard spec.accepts(v) else {
            throw ActivationError.invalidParameter(activation: id, parameter: name, value: v, expected: spec.expectation(for: v))
        }
        return v
    }

    /// As `parameter(_:in:)` for a parameter that has a default.
    public static func required(_ name: String, in p: [String: Double]) throws -> Double {
        try parameter(name, in: p)!
    }

    /// Validates a value given to a Swift initialiser; a bad value is a programming error.
    static func checked(_ name: String, _ value: Double) -> Double {
        do { return try required(name, in: [name: value]) } catch { preconditionFailure("\(error)") }
    }
}
