import Foundation
import Layers
/// Numbers from the command line. The options are declared as text with unconditional parsing so
/// that `--epochs -1` reaches this check (ArgumentParser would read -1 as an unknown flag and say
/// "Missing value"), and every message names the option and what it accepts.
enum OptionValue {
    /// A whole number in `range`; `"1_000"` style and signs other than a leading minus are refused.
    static func whole(_ text: String, _ option: String, in range: ClosedRange<Int>) throws -> Int {
        let kind = range.lowerBound >= 1 ? "a positive whole number" : "a whole number"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CommandError("\(option) must be \(kind), got an empty value") }
        guard let value = Int(trimmed) else {
            // All digits but too many for 64 bits: say what the limit is, not that it is not a number.
            let digits = trimmed.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
                throw CommandError(trimmed.hasPrefix("-")
                    ? "\(option) must be \(kind), got \(trimmed)"
                    : "\(option) must be at most \(range.upperBound.formattedWithCommas), got \(trimmed)")
            }
            throw CommandError("\(option) must be \(kind), got '\(text)'")
        }
        guard value >= range.lowerBound else { throw CommandError("\(option) must be \(kind), got \(value)") }
        guard value <= range.upperBound else {
            throw CommandError("\(option) must be at most \(range.upperBound.formattedWithCommas), got \(value)")
        }
        return value
    }

    /// A finite number greater than zero.
    static func positive(_ text: String, _ option: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite, value > 0 else {
            throw CommandError("\(option) must be a positive finite number, got '\(text)'")
        }
        return value
    }

    /// A path option: an empty one would otherwise become "" and be reported as a missing file
    /// with no name, or as the current folder.
    static func path(_ text: String, _ option: String, naming kind: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError("\(option) must name \(kind), got an empty path")
        }
    }

    /// An activation name or expression. The expression parser and its derivative recurse once per
    /// level of nesting, so a very long expression would overflow the stack; no useful activation
    /// comes near this length. A control character would break the one-line message that echoes it.
    static func activation(_ text: String, _ option: String) throws -> String {
        guard text.count <= OptionLimits.expressionLength else {
            throw CommandError("\(option): an expression of \(text.count.formattedWithCommas) characters; at most \(OptionLimits.expressionLength.formattedWithCommas) are accepted")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CommandError("\(option): '\(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined())' contains a control character")
        }
        return text
    }

    /// A seed: any whole number from 0 to 2^64 - 1.
    static func seed(_ text: String, _ option: String) throws -> UInt64 {
        guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw CommandError("\(option) must be a whole number from 0 to 18446744073709551615, got '\(text)'")
        }
        return value
    }
}

/// Bounds on options with no natural limit, far above any sensible use, so a typo fails at once
/// instead of running for days.
enum OptionLimits {
    static let depth = 1_000
    static let epochs = 100_000
    static let repeats = 100_000
    static let expressionLength = 1_000
    static let plottedFunctions = 20
    static let seeds = 1_000
    static let arguments = 256
    /// Curve-fit runs per activation (each takes about a millisecond), and all their Adam steps
    /// together (at most about an hour on two cores, even for activations that train through Sequential.fit).
    static let fitSeeds = 100_000
    static let fitSteps = 2_000_000_000
}
