import Foundation
import Activations

/// A hidden layer's activation as the page names it: a catalogue id (or alias) with optional
/// parameters, or an expression of x.
public struct ActivationChoice: Codable, Sendable, Equatable {
    public var name: String
    public var parameters: [String: Double]

    public init(_ name: String, parameters: [String: Double] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey { case name, parameters }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        parameters = try c.decodeIfPresent([String: Double].self, forKey: .parameters) ?? [:]
    }

    /// The function, or a one-line error (an expression's excerpt and caret in `detail`).
    public func resolve() throws(PlaygroundError) -> any ActivationFunction {
        let text = name.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw PlaygroundError("activation: expected a name such as relu or an expression of x, got an empty value") }
        guard text.count <= PlaygroundLimits.expressionLength else {
            throw PlaygroundError("activation: at most \(PlaygroundLimits.expressionLength) characters, got \(text.count)")
        }
        for (key, value) in parameters where !value.isFinite || abs(value) > 1e6 {
            throw PlaygroundError("activation \(text): parameter \(key) must be a finite number within ±1e6, got \(value)")
        }
        do {
            return try Activation.named(text, parameters: parameters)
        } catch let e as ExpressionError {
            throw PlaygroundError("activation '\(Quoted.clip(text))': \(e.message)", detail: e.description)
        } catch {
            let line = "\(error)".split(separator: "\n").joined(separator: " ")
            throw PlaygroundError("activation '\(Quoted.clip(text))': \(line)")
        }
    }
}

