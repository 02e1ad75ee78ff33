/// Rectified linear unit in the Keras form: f(x) = min(x, max_value) for x >= threshold,
/// else negative_slope * (x - threshold); plain relu max(0, x) by default. f'(x) = 1 above the
/// threshold (0 above max_value), negative_slope below (0 at the kink, as Keras and PyTorch).
public struct ReLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "relu"
    public static let parameterNames = ["negative_slope", "max_value", "threshold"]
    public let negativeSlope: Float
    public let maxValue: Float?
    public let threshold: Float

    public init(negativeSlope: Float = 0, maxValue: Float? = nil, threshold: Float = 0) {
        self.negativeSlope = negativeSlope
        self.maxValue = maxValue
        self.threshold = threshold
    }

    public init(parameters p: [String: Double]) throws {
        let slope = p.value("negative_slope", default: 0)
        guard slope >= 0, slope.isFinite else {
            throw ActivationError.invalidParameter(activation: Self.id, parameter: "negative_slope", value: slope, expected: "a finite value >= 0")
        }
        if let m = p["max_value"], !(m >= 0) {
            throw ActivationError.invalidParameter(activation: Self.id, parameter: "max_value", value: m, expected: "a value >= 0")
        }
        self.init(negativeSlope: Float(slope), maxValue: p["max_value"].map(Float.init), threshold: Float(p.value("threshold", default: 0)))
    }

    public var parameters: [String: Double] {
        var p = ["negative_slope": Double(negativeSlope), "threshold": Double(threshold)]
        if let maxValue { p["max_value"] = Double(maxValue) }
        return p
    }

    @inlinable public func value(_ x: Float) -> Float {
        let cap = maxValue ?? .infinity
        let above = x < cap ? x : cap
        return x >= threshold ? above : negativeSlope * (x - threshold)
    }

    @inlinable public func derivative(x: Float, y: Float) -> Float {
        let cap = maxValue ?? .infinity
        return x > threshold ? (x < cap ? 1 : 0) : negativeSlope
    }

    public func value(_ x: Double) -> Double {
        let cap = maxValue.map(Double.init) ?? .infinity
        return x >= Double(threshold) ? min(x, cap) : Double(negativeSlope) * (x - Double(threshold))
    }

    public func derivative(_ x: Double) -> Double {
        let cap = maxValue.map(Double.init) ?? .infinity
        return x > Double(threshold) ? (x < cap ? 1 : 0) : Double(negativeSlope)
    }
}

extension ActivationFunction where Self == ReLU {
    public static var relu: ReLU { ReLU() }
}
