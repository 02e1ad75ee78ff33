/// Hard tanh: f(x) = clip(x, min_val, max_val), slope 1 between the bounds (-1, 1 by default).
public struct HardTanh: ElementwiseActivation, RegisteredActivation {
    public static let id = "hard_tanh"
    public static let aliases = ["hardtanh"]
    public static let parameterSpecs = [
        ParameterSpec("min_val", default: -1, "lower bound (below max_val)"),
        ParameterSpec("max_val", default: 1, "upper bound"),
    ]
    public let minValue: Float
    public let maxValue: Float

    public init(minValue: Float = -1, maxValue: Float = 1) {
        precondition(minValue < maxValue, "hard_tanh: min_val \(minValue) must be below max_val \(maxValue)")
        self.minValue = minValue
        self.maxValue = maxValue
    }

    public init(parameters p: [String: Double]) throws {
        let lo = try Self.required("min_val", in: p), hi = try Self.required("max_val", in: p)
        // Compared as the Floats they become: 1 and 1 + 1e-9 are one Float.
        guard Float(lo) < Float(hi) else {
            let rounded = lo < hi ? " as a 32-bit float (both round to \(Float(hi)))" : ""
            throw ActivationError.invalidParameter(activation: Self.id, parameter: "min_val", value: lo, expected: "a value below max_val = \(hi)\(rounded)")
        }
        self.init(minValue: Float(lo), maxValue: Float(hi))
    }

    public var parameters: [String: Double] { ["min_val": Double(minValue), "max_val": Double(maxValue)] }

    @inlinable public func value(_ x: Float) -> Float { x < minValue ? minValue : (x > maxValue ? maxValue : x) }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > minValue && x < maxValue ? 1 : 0 }
    public func value(_ x: Double) -> Double { x.isNaN ? x : min(max(x, Double(minValue)), Double(maxValue)) }
    public func derivative(_ x: Double) -> Double { x > Double(minValue) && x < Double(maxValue) ? 1 : 0 }

    public var formula: String { "clip(x, min_val, max_val)" }
    public var reference: String { "Collobert, 2004 (PhD thesis, Large Scale Machine Learning)" }
    public var kinks: [Double] { [Double(minValue), Double(maxValue)] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (Double(minValue), Double(maxValue)), zeroCentred: minValue == -maxValue, monotonic: true,
                       smooth: false, saturating: true, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == HardTanh {
    public static var hardTanh: HardTanh { HardTanh() }
}
