import Tensors

/// Squared ReLU: f(x) = max(x, 0)^2, f'(x) = 2 max(x, 0). Continuously differentiable, so no
/// kink; its curvature jumps at 0. Used in Primer's feed-forward blocks.
public struct SquaredReLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "relu2"
    public static let aliases = ["squared_relu"]
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float { let r = x < 0 ? 0 : x; return r * r }  // NaN passes
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > 0 ? 2 * x : 0 }
    public func value(_ x: Double) -> Double { x.isNaN ? x : (x > 0 ? x * x : 0) }
    public func derivative(_ x: Double) -> Double { x > 0 ? 2 * x : 0 }

    public var formula: String { "max(x, 0)^2" }
    public var reference: String { "So, Manke, Liu, Dai, Shazeer & Le, 2021 (Primer: Searching for Efficient Transformers)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: false, usesExp: false, maxDerivative: .infinity)
    }
}
