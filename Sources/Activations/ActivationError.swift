/// Why an activation could not be made: an unknown name or an out-of-range parameter.
public enum ActivationError: Error, Equatable, CustomStringConvertible {
    case unknownName(String, suggestions: [String], valid: [String])
    case unknownParameter(activation: String, parameter: String, valid: [String])
    case invalidParameter(activation: String, parameter: String, value: Double, expected: String)

    public var description: String {
        switch self {
        case let .unknownName(name, suggestions, valid):
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?)"
            // A name can be a whole file's worth of text; the start is enough to recognise it.
            let shown = name.count <= 80 ? name : name.prefix(77) + "..."
            return "unknown activation '\(shown)'\(hint); valid names: \(valid.joined(separator: ", "))"
        case let .unknownParameter(activation, parameter, valid):
            let list = valid.isEmpty ? "it takes none" : "valid: \(valid.joined(separator: ", "))"
            return "activation '\(activation)' has no parameter '\(parameter)'; \(list)"
        case let .invalidParameter(activation, parameter, value, expected):
            return "activation '\(activation)': \(parameter) = \(value) is out of range; expected \(expected)"
        }
    }
}
