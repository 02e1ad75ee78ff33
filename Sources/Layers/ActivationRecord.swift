import Activations

/// An activation in a layer configuration: its registry id (or expression) and parameters,
/// rebuilt through `Activation.named`.
public struct ActivationRecord: Codable, Sendable, Equatable {
    public var id: String
    public var parameters: [String: Double]

    public init(_ activation: any ActivationFunction) {
        id = activation.id
        parameters = activation.parameters
    }

    /// The function again; throws the registry's error for an unknown id or a bad parameter.
    public func make() throws -> any ActivationFunction {
        try Activation.named(id, parameters: parameters)
    }
}
