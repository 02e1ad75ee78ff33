/// Leaky ReLU: f(x) = x if x >= 0 else alpha * x, f'(x) = 1 or alpha. Keras LeakyReLU layer
/// default alpha = 0.3; keras.activations.leaky_relu uses 0.2, PyTorch 0.01.
public struct LeakyReLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "leaky_relu"
    public static let aliases = ["leakyrelu"]
    public static let parameterSpecs = [
        ParameterSpec("alpha", default: 0.3, "slope for x < 0", lower: 0,
                      pytorchDefault: "0.01 (torch.nn.LeakyReLU negative_slope); keras.activations.leaky_relu: 0.2",
                      aliases: ["negative_slope"]),
    ]
    public static let pytorchDifference: String? = "default slope 0.01 in PyTorch, 0.2 in keras.activations.leaky_relu, 0.3 in the Keras LeakyReLU layer"
    public let alpha: Float

    public init(alpha: Float = 0.3) {
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

    public var formula: String { "x if x >= 0 else alpha * x" }
    public var reference: String { "Maas, Hannun & Ng, 2013 (Rectifier Nonlinearities Improve Neural Network Acoustic Models)" }
    public var kinks: [Double] { alpha == 1 ? [] : [0] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (alpha > 0 ? -.infinity : 0, .infinity), zeroCentred: alpha == 1, monotonic: true,
                       smooth: alpha == 1, saturating: false, usesExp: false, maxDerivative: max(1, Double(alpha)))
    }
}

extension ActivationFunction where Self == LeakyReLU {
    public static var leakyRelu: LeakyReLU { LeakyReLU() }
}
