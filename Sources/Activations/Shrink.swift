/// Soft shrinkage: f(x) = x - lambda if x > lambda, x + lambda if x < -lambda, else 0;
/// f'(x) = 1 outside [-lambda, lambda], 0 inside. Keras 3 / PyTorch default threshold 0.5.
public struct SoftShrink: ElementwiseActivation, RegisteredActivation {
    public static let id = "soft_shrink"
    public static let aliases = ["softshrink"]
    public static let parameterSpecs = [ParameterSpec("threshold", default: 0.5, "half-width lambda of the dead zone", lower: 0)]
    public let threshold: Float

    public init(threshold: Float = 0.5) {
        self.threshold = Float(Self.checked("threshold", Double(threshold)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(threshold: Float(try Self.required("threshold", in: p)))
    }

    public var parameters: [String: Double] { ["threshold": Double(threshold)] }

    @inlinable public func value(_ x: Float) -> Float {
        x > threshold ? x - threshold : (x < -threshold ? x + threshold : (x.isNaN ? x : 0))
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > threshold || x < -threshold ? 1 : 0 }
    public func value(_ x: Double) -> Double {
        let t = Double(threshold)
        return x > t ? x - t : (x < -t ? x + t : (x.isNaN ? x : 0))
    }
    public func derivative(_ x: Double) -> Double { abs(x) > Double(threshold) ? 1 : 0 }

    public var formula: String { "x - threshold if x > threshold, x + threshold if x < -threshold, else 0" }
    public var reference: String { "Donoho & Johnstone, 1994 (soft thresholding); PyTorch nn.Softshrink, Keras 3 soft_shrink" }
    public var kinks: [Double] { threshold == 0 ? [] : [-Double(threshold), Double(threshold)] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, .infinity), zeroCentred: true, monotonic: true, smooth: threshold == 0,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}

/// Hard shrinkage: f(x) = x if |x| > lambda else 0; f'(x) = 1 outside [-lambda, lambda], 0 inside
/// (f jumps by lambda at +-lambda). Keras 3 / PyTorch default threshold 0.5.
public struct HardShrink: ElementwiseActivation, RegisteredActivation {
    public static let id = "hard_shrink"
    public static let aliases = ["hardshrink"]
    public static let parameterSpecs = [ParameterSpec("threshold", default: 0.5, "half-width lambda of the dead zone", lower: 0)]
    public let threshold: Float

    public init(threshold: Float = 0.5) {
        self.threshold = Float(Self.checked("threshold", Double(threshold)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(threshold: Float(try Self.required("threshold", in: p)))
    }

    public var parameters: [String: Double] { ["threshold": Double(threshold)] }

    // One compare: |x| <= threshold is false for NaN, so NaN passes through as it should.
    @inlinable public func value(_ x: Float) -> Float { x.magnitude <= threshold ? 0 : x }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > threshold || x < -threshold ? 1 : 0 }
    public func value(_ x: Double) -> Double { abs(x) > Double(threshold) || x.isNaN ? x : 0 }
    public func derivative(_ x: Double) -> Double { abs(x) > Double(threshold) ? 1 : 0 }

    public var formula: String { "x if |x| > threshold else 0" }
    public var reference: String { "Donoho & Johnstone, 1994 (hard thresholding); PyTorch nn.Hardshrink, Keras 3 hard_shrink" }
    public var kinks: [Double] { threshold == 0 ? [] : [-Double(threshold), Double(threshold)] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-.infinity, .infinity), zeroCentred: true, monotonic: true, smooth: threshold == 0,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == SoftShrink {
    public static var softShrink: SoftShrink { SoftShrink() }
}

extension ActivationFunction where Self == HardShrink {
    public static var hardShrink: HardShrink { HardShrink() }
}
