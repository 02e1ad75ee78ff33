import Tensors

/// Randomised leaky ReLU: f(x) = x if x >= 0 else a * x, with a drawn uniformly from
/// [lower, upper] per element in training and fixed to (lower + upper) / 2 at inference (the
/// form used here and in `value`). Training draws through `trainingNoise`, in whichever layer applies it.
public struct RReLU: ElementwiseActivation, RegisteredActivation, TrainingNoise {
    public static let id = "rrelu"
    public static let parameterSpecs = [
        ParameterSpec("lower", default: 1.0 / 8, "lowest random slope", lower: 0),
        ParameterSpec("upper", default: 1.0 / 3, "highest random slope (>= lower)", lower: 0),
    ]
    public static let pytorchDifference: String? = "PyTorch-only (torch.nn.RReLU); Keras has no rrelu"
    public let lower: Float
    public let upper: Float
    /// The inference slope (lower + upper) / 2.
    public let slope: Float

    public init(lower: Float = 1.0 / 8, upper: Float = 1.0 / 3) {
        precondition(lower >= 0 && lower <= upper && upper.isFinite, "rrelu: need 0 <= lower <= upper, got \(lower), \(upper)")
        self.lower = lower
        self.upper = upper
        // Halving first keeps the mean finite for bounds near Float's largest (halving is exact).
        slope = lower / 2 + upper / 2
    }

    public init(parameters p: [String: Double]) throws {
        let lo = try Self.required("lower", in: p), hi = try Self.required("upper", in: p)
        guard lo <= hi else { throw ActivationError.invalidParameter(activation: Self.id, parameter: "lower", value: lo, expected: "a value <= upper = \(hi)") }
        self.init(lower: Float(lo), upper: Float(hi))
    }

    public var parameters: [String: Double] { ["lower": Double(lower), "upper": Double(upper)] }
    public var trainingNoise: (any TrainingNoise)? { self }
    /// Keras has no RReLU; a stand-alone one shows as its own layer class, as PyTorch's does.
    public var layerTypeName: String { "RReLU" }

    /// The noise is the slope a ~ U(lower, upper) drawn per element.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, noise a: UnsafeMutablePointer<Float>,
                        count: Int, rng: inout RandomGenerator) {
        for i in 0..<count {
            a[i] = rng.uniform(lower, upper)
            y[i] = x[i] >= 0 ? x[i] : a[i] * x[i]
        }
    }

    public func backward(x: UnsafePointer<Float>, noise a: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { dx[i] = dy[i] * (x[i] > 0 ? 1 : a[i]) }
    }

    @inlinable public func value(_ x: Float) -> Float { x >= 0 ? x : slope * x }
    @inlinable public func derivative(x: Float, y: Float) -> Float { x > 0 ? 1 : slope }
    public func value(_ x: Double) -> Double { x >= 0 || x.isNaN ? x : meanSlope * x }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : meanSlope }
    var meanSlope: Double { (Double(lower) + Double(upper)) / 2 }

    public var formula: String { "x if x >= 0 else a * x, a ~ U(lower, upper) in training, (lower + upper) / 2 at inference" }
    public var reference: String { "Xu, Wang, Chen & Li, 2015 (Empirical Evaluation of Rectified Activations in Convolutional Network)" }
    public var kinks: [Double] { slope == 1 ? [] : [0] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (slope > 0 ? -.infinity : 0, .infinity), zeroCentred: slope == 1, monotonic: true,
                       smooth: slope == 1, saturating: false, usesExp: false, maxDerivative: max(1, meanSlope))
    }
}

extension ActivationFunction where Self == RReLU {
    public static var rrelu: RReLU { RReLU() }
}
