/// Threshold: f(x) = x if x > threshold else default_value; f'(x) = 1 above the threshold, else 0.
/// Keras 3 and PyTorch both require the two values; 0 and 0 here (which is relu).
public struct Threshold: ElementwiseActivation, RegisteredActivation {
    public static let id = "threshold"
    public static let parameterSpecs = [
        ParameterSpec("threshold", default: 0, "inputs at or below this are replaced"),
        ParameterSpec("default_value", default: 0, "the replacement", pytorchDefault: "required (torch.nn.Threshold value)"),
    ]
    public let threshold: Float
    public let defaultValue: Float

    public init(threshold: Float = 0, defaultValue: Float = 0) {
        precondition(threshold.isFinite && defaultValue.isFinite, "threshold: both values must be finite")
        self.threshold = threshold
        self.defaultValue = defaultValue
    }

    public init(parameters p: [String: Double]) throws {
        self.init(threshold: Float(try Self.required("threshold", in: p)), defaultValue: Float(try Self.required("default_value", in: p)))
    }

    public var parameters: [String: Double] { ["threshold": Double(threshold), "default_value": Double(defaultValue)] }

    @inlinable public func value(_ x: Float) -> Float { x > threshold || x.isNaN ? x : defaultValue }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > threshold ? 1 : 0 }
    public func value(_ x: Double) -> Double { x > Double(threshold) || x.isNaN ? x : Double(defaultValue) }
    public func derivative(_ x: Double) -> Double { x > Double(threshold) ? 1 : 0 }

    public var formula: String { "x if x > threshold else default_value" }
    public var reference: String { "PyTorch nn.Threshold; Keras 3 threshold" }
    public var kinks: [Double] { [Double(threshold)] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (min(Double(defaultValue), Double(threshold)), .infinity), zeroCentred: false,
                       monotonic: defaultValue <= threshold, smooth: false, saturating: false, usesExp: false, maxDerivative: 1)
    }
}
