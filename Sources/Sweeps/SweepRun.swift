import Datasets
import Foundation

/// One run of a sweep: a task's model trained with one activation, one seed and one value of
/// every hyperparameter. Its `id` is a hash of that configuration alone, so the same run has the
/// same id in every process, on every machine and whatever order the sweep file lists things in.
public struct SweepRun: Codable, Hashable, Sendable {
    public var task: String
    public var model: String
    public var activation: SweepActivation
    public var seed: UInt64
    /// Every parameter the task takes, defaults included (a changed default is a different run).
    public var parameters: [String: SweepValue]

    public init(task: String, model: String, activation: SweepActivation, seed: UInt64, parameters: [String: SweepValue]) {
        self.task = task
        self.model = model
        self.activation = activation
        self.seed = seed
        self.parameters = parameters
    }

    /// The first 16 hex digits of the SHA-256 of `canonicalEncoding`.
    public var id: String { String(SHA256.hex(Array(canonicalEncoding.utf8)).prefix(16)) }

    /// The configuration as JSON with keys sorted, no spaces, and numbers in `SweepValue`'s form:
    /// what the id hashes. The version changes only if this encoding ever has to.
    public var canonicalEncoding: String {
        func text(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        func value(_ v: SweepValue) -> String {
            if case let .text(t) = v { return text(t) }
            return v.description
        }
        func object(_ pairs: [(String, String)]) -> String {
            "{" + pairs.sorted { $0.0 < $1.0 }.map { text($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
        }
        let activationParameters = object(activation.parameters.map { ($0.key, value(.number($0.value))) })
        return object([
            ("activation", object([("name", text(activation.name)), ("parameters", activationParameters)])),
            ("model", text(model)),
            ("parameters", object(parameters.map { ($0.key, value($0.value)) })),
            ("seed", String(seed)),
            ("task", text(task)),
            ("version", "1"),
        ])
    }

    /// A parameter's number (the task's planner has checked it exists and is one).
    public func number(_ name: String) -> Double {
        guard let v = parameters[name]?.number else { preconditionFailure("run \(id) has no numeric parameter \(name)") }
        return v
    }

    /// A whole-number parameter.
    public func whole(_ name: String) -> Int {
        guard let v = parameters[name]?.whole else { preconditionFailure("run \(id) has no whole-number parameter \(name)") }
        return v
    }

    /// A text parameter.
    public func text(_ name: String) -> String {
        guard let v = parameters[name]?.text else { preconditionFailure("run \(id) has no text parameter \(name)") }
        return v
    }

    /// `relu lr=0.01 epochs=5 seed=1`-style: the activation, the given parameters, the seed.
    public func label(parameters names: [String]) -> String {
        ([activation.description] + names.map { "\($0)=\(parameters[$0]?.description ?? "-")" } + ["seed=\(seed)"]).joined(separator: " ")
    }
}
