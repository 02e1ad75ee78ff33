import CVectorMath

/// Squareplus: f(x) = (x + sqrt(x^2 + b)) / 2, f'(x) = (1 + x / sqrt(x^2 + b)) / 2; for x < 0
/// both are rewritten as b / (2 (r - x)) and b / (2 r (r - x)), r = sqrt(x^2 + b), which do not
/// cancel. Keras 3 default b = 4.
public struct Squareplus: ElementwiseActivation, RegisteredActivation {
    public static let id = "squareplus"
    public static let parameterSpecs = [ParameterSpec("b", default: 4, "curvature at 0 (b = 0 is relu)", lower: 0)]
    public let b: Float

    public init(b: Float = 4) {
        self.b = Float(Self.checked("b", Double(b)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(b: Float(try Self.required("b", in: p)))
    }

    public var parameters: [String: Double] { ["b": Double(b)] }

    @inlinable public func value(_ x: Float) -> Float {
        let r = actlab_sqrtf(x * x + b)
        return x < 0 ? b / (2 * (r - x)) : (x + r) * 0.5
    }
    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let r = actlab_sqrtf(x * x + b)
        return x < 0 ? b / (2 * r * (r - x)) : (1 + (r > 0 ? x / r : 0)) * 0.5
    }
    public func value(_ x: Double) -> Double {
        let r = (x * x + Double(b)).squareRoot()
        return x < 0 ? Double(b) / (2 * (r - x)) : (x + r) / 2
    }
    public func derivative(_ x: Double) -> Double {
        let r = (x * x + Double(b)).squareRoot()
        return x < 0 ? Double(b) / (2 * r * (r - x)) : (1 + (r > 0 ? x / r : 0)) / 2
    }

    public var formula: String { "(x + sqrt(x^2 + b)) / 2" }
    public var reference: String { "Barron, 2021 (Squareplus: A Softplus-Like Algebraic Rectifier)" }
    public var kinks: [Double] { b == 0 ? [0] : [] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: true, smooth: b > 0,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}

extension ActivationFunction where Self == Squareplus {
    public static var squareplus: Squareplus { Squareplus() }
}
