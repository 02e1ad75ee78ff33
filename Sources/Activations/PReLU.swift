/// Parametric ReLU with one (here fixed) slope: f(x) = x if x >= 0 else alpha * x,
/// f'(x) = 1 or alpha, df/dalpha = min(x, 0). The learnable per-channel form is the `PReLU`
/// layer. Keras initialises alpha to 0, PyTorch to 0.25.
public struct PReLUActivation: ElementwiseActivation, RegisteredActivation {
    public static let id = "prelu"
    public static let parameterSpecs = [
        ParameterSpec("alpha", default: 0, "slope for x < 0 (learnable in the PReLU layer)",
                      pytorchDefault: "0.25 (torch.nn.PReLU init)"),
    ]
    public static let pytorchDifference: String? = "initial alpha 0.25 in PyTorch, 0 (Keras alpha_initializer zeros)"
    public let alpha: Float

    public init(alpha: Float = 0) {
        self.alpha = Float(Self.checked("alpha", Double(alpha)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(alpha: Float(try Self.required("alpha", in: p)))
    }

    public var parameters: [String: Double] { ["alpha": Double(alpha)] }

    @inlinable public func value(_ x: Float) -> Float { x >= 0 ? x : alpha * x }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : alpha }
    public func value(_ x: Double) -> Double { x >= 0 || x.isNaN ? x : Double(alpha) * x }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : Double(alpha) }
    /// df/dalpha, for the learnable form.
    public func alphaDerivative(_ x: Double) -> Double { min(x, 0) }

    public var formula: String { "x if x >= 0 else alpha * x, alpha learnable per channel" }
    public var reference: String { "He, Zhang, Ren & Sun, 2015 (Delving Deep into Rectifiers)" }
    public var kinks: [Double] { alpha == 1 ? [] : [0] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (alpha > 0 ? -.infinity : 0, .infinity), zeroCentred: alpha == 1, monotonic: alpha >= 0,
                       smooth: alpha == 1, saturating: false, usesExp: false, maxDerivative: max(1, abs(Double(alpha))))
    }
}
