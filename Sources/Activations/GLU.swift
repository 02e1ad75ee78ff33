import Tensors

/// Gated linear unit: the row splits into halves a | b and f = a * sigmoid(b) (half as many
/// columns). Backward: da = dy sigmoid(b), db = dy a sigmoid(b)(1 - sigmoid(b)).
/// Scalar slice: the row [x, x], which gives x sigmoid(x).
public struct GLU: RegisteredActivation {
    public static let id = "glu"
    public static let parameterSpecs = [RowWise.axisSpec]
    public init() {}
    public init(parameters p: [String: Double]) throws { _ = try Self.parameter("axis", in: p) }
    public var isElementwise: Bool { false }

    public func validateColumns(_ columns: Int) throws {
        guard columns % 2 == 0 else { throw ColumnCountError("glu needs an even number of input columns (units), got \(columns)") }
    }

    public func outputColumns(forInputColumns columns: Int) -> Int {
        precondition(columns % 2 == 0, "glu: the last axis must have an even size, got \(columns)")
        return columns / 2
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let half = outputColumns(forInputColumns: columns)
        nonisolated(unsafe) let (x, y) = (x, y)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let a = x + r * columns, b = a + half, yi = y + r * half
                for j in 0..<half { yi[j] = a[j] * VectorMath.sigmoid(b[j]) }
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let half = outputColumns(forInputColumns: columns)
        nonisolated(unsafe) let (x, dy, dx) = (x, dy, dx)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let a = x + r * columns, b = a + half, dyi = dy + r * half
                let da = dx + r * columns, db = da + half
                for j in 0..<half {
                    let s = VectorMath.sigmoid(b[j])
                    let g = dyi[j]
                    da[j] = g * s
                    db[j] = g * a[j] * s * (1 - s)
                }
            }
        }
    }

    public func value(_ x: Double) -> Double { x * DoubleForms.sigmoid(x) }
    public func derivative(_ x: Double) -> Double { let s = DoubleForms.sigmoid(x); return s + x * s * (1 - s) }

    public var formula: String { "a * sigmoid(b), [a | b] = x split in halves along the last axis" }
    public var reference: String { "Dauphin, Fan, Auli & Grangier, 2017 (Language Modeling with Gated Convolutional Networks)" }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (-0.2784645427610738, .infinity), zeroCentred: false, monotonic: false, smooth: true,
                       saturating: false, usesExp: true, maxDerivative: 1.0998393201288669)
    }
}

extension ActivationFunction where Self == GLU {
    public static var glu: GLU { GLU() }
}
