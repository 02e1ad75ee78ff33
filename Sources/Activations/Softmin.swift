import Tensors

/// Softmin along the last axis: f(x) = softmax(-x). Backward: dx_i = -y_i (dy_i - sum_j dy_j y_j).
/// Scalar slice: the first output of the row [x, 0], which is sigmoid(-x).
public struct Softmin: RegisteredActivation {
    public static let id = "softmin"
    public static let parameterSpecs = [RowWise.axisSpec]
    public static let pytorchDifference: String? = "PyTorch-only (torch.nn.Softmin); Keras has no softmin"
    public init() {}
    public init(parameters p: [String: Double]) throws { _ = try Self.parameter("axis", in: p) }
    public var isElementwise: Bool { false }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        RowWise.softmax(x, y, rows: rows, columns: columns, negate: true)
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        RowWise.softmaxBackward(y: y, dy: dy, dx: dx, rows: rows, columns: columns, negate: true)
    }

    public func value(_ x: Double) -> Double { DoubleForms.sigmoid(-x) }
    public func derivative(_ x: Double) -> Double { let s = DoubleForms.sigmoid(-x); return -s * (1 - s) }

    public var formula: String { "e^-x_i / sum_j e^-x_j (along the last axis)" }
    public var reference: String { "PyTorch nn.Softmin" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 1), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: true, usesExp: true, maxDerivative: 0.25)
    }
}

extension ActivationFunction where Self == Softmin {
    public static var softmin: Softmin { Softmin() }
}
