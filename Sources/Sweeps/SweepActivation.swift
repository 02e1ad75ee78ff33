import Foundation
import Activations

/// A hidden activation of a sweep: a catalogue id with optional parameters
/// (`{"name": "leaky_relu", "parameters": {"alpha": 0.1}}`) or an expression of x (`"x*sigmoid(x)"`).
public struct SweepActivation: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The catalogue's canonical id (an alias such as `swish` becomes `silu`), or the expression as written.
    public var name: String
    public var parameters: [String: Double]

    /// Longer expressions are refused: the parser recurses once per nesting level.
    public static let maximumLength = 1_000

    /// Checks the name and parameters by building the function once; throws a message without the file's name.
    public init(name: String, parameters: [String: Double] = [:]) throws {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw SweepError("expected an activation id or an expression of x, got an empty text") }
        guard trimmed.count <= Self.maximumLength else {
            throw SweepError("an expression of \(trimmed.count) characters; at most \(Self.maximumLength) are accepted")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw SweepError("'\(trimmed.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined())' contains a control character")
        }
        for (key, value) in parameters where !value.isFinite {
            throw SweepError("parameter \(key) of \(trimmed) must be a finite number, got \(value)")
        }
        self.name = Activation.type(named: trimmed)?.id ?? trimmed
        self.parameters = parameters
        do { _ = try function() } catch {
            throw SweepError("\(trimmed): \((error as? ExpressionError)?.message ?? "\(error)")")
        }
    }

    /// The function itself (a fresh instance: learnable activations hold per-model state).
    public func function() throws -> any ActivationFunction {
        try Activation.named(name, parameters: parameters)
    }

    /// `relu`, `leaky_relu(alpha=0.1)`: how tables and events name it.
    public var description: String {
        guard !parameters.isEmpty else { return name }
        return name + "(" + parameters.keys.sorted().map { "\($0)=\(SweepValue.number(parameters[$0]!))" }.joined(separator: ", ") + ")"
    }

    enum CodingKeys: String, CodingKey { case name, parameters }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        parameters = try c.decodeIfPresent([String: Double].self, forKey: .parameters) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        if !parameters.isEmpty { try c.encode(parameters, forKey: .parameters) }
    }
}
