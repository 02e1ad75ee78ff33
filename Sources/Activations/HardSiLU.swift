/// Hard SiLU / hard swish: f(x) = x relu6(x + 3) / 6; f'(x) = 0 below -3, 1 above 3,
/// (2x + 3) / 6 between.
public struct HardSiLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "hard_silu"
    public static let aliases = ["hard_swish", "hardswish"]
    public init() {}
    public init(parameters: [String: Double]) throws {}

    @inlinable public func value(_ x: Float) -> Float {
        let r = x + 3
        let c = r < 0 ? 0 : (r > 6 ? 6 : r)
        return x * c * (1.0 / 6)
    }
    // At -3 and 3 themselves the outer value (0, 1) is taken, as PyTorch and Keras's autodiff do.
    @inlinable public func derivative(x: Float, y: Float) -> Float { x <= -3 ? 0 : (x >= 3 ? 1 : (2 * x + 3) * (1.0 / 6)) }
    public func value(_ x: Double) -> Double { x * min(max(x + 3, 0), 6) / 6 }
    public func derivative(_ x: Double) -> Double { x <= -3 ? 0 : (x >= 3 ? 1 : (2 * x + 3) / 6) }

    public var formula: String { "x * relu6(x + 3) / 6" }
    public var reference: String { "Howard et al., 2019 (Searching for MobileNetV3)" }
    public var kinks: [Double] { [-3, 3] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-0.375, .infinity), zeroCentred: false, monotonic: false, smooth: false,
                       saturating: false, usesExp: false, maxDerivative: 1.5)
    }
}

extension ActivationFunction where Self == HardSiLU {
    public static var hardSilu: HardSiLU { HardSiLU() }
}
