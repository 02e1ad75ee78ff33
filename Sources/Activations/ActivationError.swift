/// Why an activation could not be made: an unknown name or an out-of-range parameter.
public enum ActivationError: Error, Equatable, CustomStringConvertible {
    case unknownName(String, suggestions: [String], valid: [String])
    case unknownParameter(activation: String, parameter: String, valid: [String])
    case invalidParameter(activation: String, parameter: String, value: Double, expected: String)

    public var description: String {
        switch self {
        case let .unknownName(name, suggestions, valid):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?)"
            return "unknown activation '\(Self.clip(name))'\(hint); valid names: \(valid.joined(separator: ", "))"
        case let .unknownParameter(activation, parameter, valid):
            let list = valid.isEmpty ? "it takes none" : "valid: \(valid.joined(separator: ", "))"
            return "activation '\(Self.clip(activation))' has no parameter '\(Self.clip(parameter))'; \(list)"
        case let .invalidParameter(activation, parameter, value, expected):
            return "activation '\(Self.clip(activation))': \(Self.clip(parameter)) = \(value) is out of range; expected \(expected)"
        }
    }

    /// A name as quoted in a message: names come from files and command lines, and can be a
    /// whole page of text (an expression, say); the start is enough to recognise one.
    static func clip(_ name: String) -> String {
        name.count <= 80 ? name : name.prefix(77) + "..."
    }
}
