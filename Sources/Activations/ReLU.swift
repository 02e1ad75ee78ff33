import Tensors

/// Rectified linear unit in the Keras form: f(x) = min(x, max_value) for x >= threshold,
/// else negative_slope * (x - threshold); plain relu max(0, x) by default. f'(x) = 1 above the
/// threshold (0 above max_value), negative_slope below (0 at the kink, as Keras and PyTorch).
public struct ReLU: ElementwiseActivation, RegisteredActivation {
    public static let id = "relu"
    public static let parameterSpecs = [
        ParameterSpec("negative_slope", default: 0, "slope below the threshold", lower: 0),
        ParameterSpec("max_value", default: nil, "cap on the output (none by default)", lower: 0),
        ParameterSpec("threshold", default: 0, "where the unit switches on"),
    ]
    public let negativeSlope: Float
    public let maxValue: Float?
    public let threshold: Float

    public init(negativeSlope: Float = 0, maxValue: Float? = nil, threshold: Float = 0) {
        precondition(negativeSlope >= 0 && negativeSlope.isFinite, "relu: negative_slope must be a finite value >= 0, got \(negativeSlope)")
        precondition(maxValue.map { $0 >= 0 } ?? true, "relu: max_value must be >= 0")
        self.negativeSlope = negativeSlope
        self.maxValue = maxValue
        self.threshold = threshold
    }

    public init(parameters p: [String: Double]) throws {
        self.init(negativeSlope: Float(try Self.required("negative_slope", in: p)),
                  maxValue: try Self.parameter("max_value", in: p).map(Float.init),
                  threshold: Float(try Self.required("threshold", in: p)))
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

    // Written out with the parameters in locals: the generic loop did not hoist the optional cap.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        let cap = maxValue ?? .infinity, t = threshold, s = negativeSlope
        Parallel.forEachChunk(rows * columns) { range in
            for i in range {
                let v = x[i]
                let above = v < cap ? v : cap
                y[i] = v >= t ? above : s * (v - t)
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, dy, dx) = (x, dy, dx)
        let cap = maxValue ?? .infinity, t = threshold, s = negativeSlope
        Parallel.forEachChunk(rows * columns) { range in
            for i in range {
                let v = x[i]
                dx[i] = dy[i] * (v > t ? (v < cap ? 1 : 0) : s)
            }
        }
    }

    public func value(_ x: Double) -> Double {
        if x.isNaN { return x }
        let cap = maxValue.map(Double.init) ?? .infinity
        return x >= Double(threshold) ? min(x, cap) : Double(negativeSlope) * (x - Double(threshold))
    }

    public func derivative(_ x: Double) -> Double {
        let cap = maxValue.map(Double.init) ?? .infinity
        return x > Double(threshold) ? (x < cap ? 1 : 0) : Double(negativeSlope)
    }

    public var formula: String { "min(x, max_value) if x >= threshold else negative_slope * (x - threshold)" }
    public var reference: String { "Nair & Hinton, 2010; Glorot, Bordes & Bengio, 2011" }
    public var isIdentity: Bool { negativeSlope == 1 && maxValue == nil && threshold == 0 }
    public var kinks: [Double] {
        isIdentity ? [] : [Double(threshold)] + (maxValue.map { [Double($0)] } ?? [])
    }
    public var characterSheet: CharacterSheet {
        let t = Double(threshold)
        let lower = negativeSlope > 0 ? -Double.infinity : min(0, t)
        let upper = maxValue.map(Double.init) ?? .infinity
        // Below a negative threshold the output falls back from t to 0: a downward jump.
        return CharacterSheet(range: (lower, upper), zeroCentred: isIdentity, monotonic: threshold >= 0,
                              smooth: isIdentity, saturating: negativeSlope == 0 && maxValue != nil,
                              usesExp: false, maxDerivative: max(1, Double(negativeSlope)))
    }
}

extension ActivationFunction where Self == ReLU {
    public static var relu: ReLU { ReLU() }
}
