/// Piecewise-linear sigmoid. Keras 3 (and PyTorch): f(x) = relu6(x + 3) / 6, slope 1/6 on
/// (-3, 3). Keras 2 (`legacy = 1`): f(x) = clip(0.2x + 0.5, 0, 1), slope 0.2 on (-2.5, 2.5).
public struct HardSigmoid: ElementwiseActivation, RegisteredActivation {
    public enum Form: Sendable { case keras3, keras2 }
    public static let id = "hard_sigmoid"
    public static let parameterSpecs = [ParameterSpec.flag("legacy", default: false, "1 for the Keras 2 form clip(0.2x + 0.5, 0, 1)")]
    public static let pytorchDifference: String? = "none: torch.nn.Hardsigmoid is the Keras 3 form; Keras 2 used 0.2x + 0.5"
    public let form: Form
    public let slope: Float
    public let offset: Float

    public init(form: Form = .keras3) {
        self.form = form
        (slope, offset) = form == .keras3 ? (1 / 6, 0.5) : (0.2, 0.5)
    }

    public init(parameters p: [String: Double]) throws {
        self.init(form: try Self.required("legacy", in: p) == 1 ? .keras2 : .keras3)
    }

    public var parameters: [String: Double] { ["legacy": form == .keras2 ? 1 : 0] }

    @inlinable public func value(_ x: Float) -> Float {
        let y = slope * x + offset
        return y < 0 ? 0 : (y > 1 ? 1 : y)
    }

    @inlinable public func derivative(x: Float, y: Float) -> Float { y > 0 && y < 1 ? slope : 0 }
    public func value(_ x: Double) -> Double { x.isNaN ? x : min(max(exactSlope * x + 0.5, 0), 1) }
    public func derivative(_ x: Double) -> Double { abs(x) < Double(halfWidth) ? exactSlope : 0 }
    var halfWidth: Float { form == .keras3 ? 3 : 2.5 }
    var exactSlope: Double { form == .keras3 ? 1.0 / 6 : 0.2 }

    public var formula: String { form == .keras3 ? "relu6(x + 3) / 6" : "clip(0.2x + 0.5, 0, 1)" }
    public var reference: String { "Courbariaux, Bengio & David, 2015 (BinaryConnect); Keras 3 / PyTorch form: Howard et al., 2019 (MobileNetV3)" }
    public var kinks: [Double] { [-Double(halfWidth), Double(halfWidth)] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 1), zeroCentred: false, monotonic: true, smooth: false,
                       saturating: true, usesExp: false, maxDerivative: exactSlope)
    }
}

extension ActivationFunction where Self == HardSigmoid {
    public static var hardSigmoid: HardSigmoid { HardSigmoid() }
}
