import Foundation
import Tensors

/// Softmax along the last axis: f(x)_i = e^(x_i - max x) / sum_j e^(x_j - max x); subtracting
/// the row maximum keeps it finite for any input. Backward: dx_i = y_i (dy_i - sum_j dy_j y_j).
/// Scalar slice: the first output of the row [x, 0], which is sigmoid(x).
public struct Softmax: RegisteredActivation {
    public static let id = "softmax"
    public static let parameterSpecs = [RowWise.axisSpec]
    public init() {}
    public init(parameters p: [String: Double]) throws { _ = try Self.parameter("axis", in: p) }
    public var isElementwise: Bool { false }
    public var probabilityOutput: ProbabilityOutput? { .softmax }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        RowWise.softmax(x, y, rows: rows, columns: columns, negate: false)
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        RowWise.softmaxBackward(y: y, dy: dy, dx: dx, rows: rows, columns: columns, negate: false)
    }

    public func value(_ x: Double) -> Double { DoubleForms.sigmoid(x) }
    public func derivative(_ x: Double) -> Double { let s = DoubleForms.sigmoid(x); return s * (1 - s) }

    /// Softmax of a Double row, for reference checks.
    public static func reference(_ row: [Double]) -> [Double] {
        let m = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    public var formula: String { "e^x_i / sum_j e^x_j (along the last axis)" }
    public var reference: String { "Bridle, 1990 (Probabilistic Interpretation of Feedforward Classification Network Outputs)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, 1), zeroCentred: false, monotonic: true, smooth: true,
                       saturating: true, usesExp: true, maxDerivative: 0.25)
    }
}

extension ActivationFunction where Self == Softmax {
    public static var softmax: Softmax { Softmax() }
}
