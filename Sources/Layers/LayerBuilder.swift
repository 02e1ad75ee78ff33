import Activations

/// Lets a `Sequential` be written as a list of layers, like Keras's `Sequential([...])`.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: any Layer) -> [any Layer] { [layer] }
    public static func buildExpression(_ layers: [any Layer]) -> [any Layer] { layers }
    /// A bare activation, e.g. `LeakyReLU(alpha: 0.1)`, becomes an `ActivationLayer`; a learnable
    /// one (`Snake()`, `PAU()`) a `LearnableActivationLayer` that trains its parameters.
    public static func buildExpression(_ activation: any ActivationFunction) -> [any Layer] {
        [activation.learnable.map { LearnableActivationLayer($0) } ?? ActivationLayer(activation)]
    }
    public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[any Layer]]) -> [any Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any Layer]?) -> [any Layer] { part ?? [] }
    public static func buildEither(first: [any Layer]) -> [any Layer] { first }
    public static func buildEither(second: [any Layer]) -> [any Layer] { second }
}
