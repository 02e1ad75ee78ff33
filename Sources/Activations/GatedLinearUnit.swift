import Foundation
import Tensors

/// The gate of a gated linear unit: g in f = a * g(b), with its derivative and the facts the
/// family's character sheet needs (those of the scalar slice x g(x)).
public protocol LinearUnitGate: Sendable {
    /// The registry id of the gated unit, e.g. `swiglu`.
    static var unitID: String { get }
    static func value(_ b: Float) -> Float
    static func slope(_ b: Float) -> Float
    static func value(_ b: Double) -> Double
    static func slope(_ b: Double) -> Double
    /// g(b) written out, for the unit's formula.
    static var gateFormula: String { get }
    static var reference: String { get }
    static var usesExp: Bool { get }
    /// Whether the slice x g(x) never decreases.
    static var sliceMonotonic: Bool { get }
    /// y = a * g(b) over `n` columns, and its backward; each gate forwards these to the shared
    /// loops below, so that they are compiled for the concrete gate (called through the generic
    /// unit, they would not inline g and would run ~15 times slower).
    static func forwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int)
    static func backwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                            _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>, _ n: Int)
}

/// The loops of every gate, inlined into each gate's own `forwardRow` / `backwardRow`.
@inline(__always) func gatedForwardRow<G: LinearUnitGate>(_: G.Type, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                         _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    for j in 0..<n { y[j] = a[j] * G.value(b[j]) }
}

@inline(__always) func gatedBackwardRow<G: LinearUnitGate>(_: G.Type, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                                          _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>, _ n: Int) {
    for j in 0..<n {
        let g = dy[j]
        da[j] = g * G.value(b[j])
        db[j] = g * a[j] * G.slope(b[j])
    }
}

/// A gated linear unit of a transformer feed-forward block (Shazeer 2020): the row splits into
/// halves a | b and f = a * g(b), half as many columns as it takes, like `glu` (which is the
/// sigmoid gate). Backward: da = dy g(b), db = dy a g'(b). Scalar slice: the row [x, x], x g(x).
/// The gate is the type parameter; each gate is one registered id.
public struct GatedLinearUnit<Gate: LinearUnitGate>: RegisteredActivation {
    public static var id: String { Gate.unitID }
    public static var parameterSpecs: [ParameterSpec] { [RowWise.axisSpec] }
    public init() {}
    public init(parameters p: [String: Double]) throws { _ = try Self.parameter("axis", in: p) }
    public var isElementwise: Bool { false }

    public func validateColumns(_ columns: Int) throws {
        guard columns % 2 == 0 else {
            throw ColumnCountError("\(Self.id) needs an even number of input columns (units), got \(columns)")
        }
    }

    public func outputColumns(forInputColumns columns: Int) -> Int {
        precondition(columns % 2 == 0, "\(Self.id): the last axis must have an even size, got \(columns)")
        return columns / 2
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let half = outputColumns(forInputColumns: columns)
        nonisolated(unsafe) let (x, y) = (x, y)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let a = x + r * columns
                Gate.forwardRow(a, a + half, y + r * half, half)
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let half = outputColumns(forInputColumns: columns)
        nonisolated(unsafe) let (x, dy, dx) = (x, dy, dx)
        RowWise.forEachRows(rows, columns: columns) { range in
            for r in range {
                let a = x + r * columns, da = dx + r * columns
                Gate.backwardRow(a, a + half, dy + r * half, da, da + half, half)
            }
        }
    }

    public func value(_ x: Double) -> Double { x * Gate.value(x) }
    public func derivative(_ x: Double) -> Double { Gate.value(x) + x * Gate.slope(x) }

    public var formula: String { "a * \(Gate.gateFormula), [a | b] = x split in halves along the last axis" }
    public var reference: String { Gate.reference }
    public var characterSheet: CharacterSheet {
        // Every gate here is g(0) = 0 with g >= 0 on one side at least, so x g(x) >= 0 with its
        // minimum 0 at 0, and it grows like x^2 (the slope is unbounded).
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: Gate.sliceMonotonic, smooth: true,
                       saturating: false, usesExp: Gate.usesExp, maxDerivative: .infinity)
    }
}

private let shazeer = "Shazeer, 2020 (GLU Variants Improve Transformer)"

/// SwiGLU's gate, swish: g(b) = b sigmoid(b).
public enum SwishGate: LinearUnitGate {
    public static func forwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedForwardRow(Self.self, a, b, y, n)
    }
    public static func backwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                   _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedBackwardRow(Self.self, a, b, dy, da, db, n)
    }
    public static let unitID = "swiglu"
    @inlinable public static func value(_ b: Float) -> Float { b * VectorMath.sigmoid(b) }
    @inlinable public static func slope(_ b: Float) -> Float { let s = VectorMath.sigmoid(b); return VectorMath.mulAdd(b * s, 1 - s, s) }
    public static func value(_ b: Double) -> Double { b * DoubleForms.sigmoid(b) }
    public static func slope(_ b: Double) -> Double { let s = DoubleForms.sigmoid(b); return s + b * s * (1 - s) }
    public static let gateFormula = "b * sigmoid(b)"
    public static let reference = shazeer + "; the gate of LLaMA-style feed-forward blocks"
    public static let usesExp = true
    public static let sliceMonotonic = false
}

/// GEGLU's gate, exact GELU: g(b) = b Phi(b).
public enum GELUGate: LinearUnitGate {
    public static func forwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedForwardRow(Self.self, a, b, y, n)
    }
    public static func backwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                   _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedBackwardRow(Self.self, a, b, dy, da, db, n)
    }
    public static let unitID = "geglu"
    @inlinable public static func value(_ b: Float) -> Float { GELU.exactValue(b) }
    @inlinable public static func slope(_ b: Float) -> Float { GELU.exactSlope(b) }
    public static func value(_ b: Double) -> Double { 0.5 * b * Foundation.erfc(-b / 2.0.squareRoot()) }
    public static func slope(_ b: Double) -> Double {
        0.5 * Foundation.erfc(-b / 2.0.squareRoot()) + b * Foundation.exp(-b * b / 2) / (2 * Double.pi).squareRoot()
    }
    public static let gateFormula = "0.5 b (1 + erf(b / sqrt(2)))"
    public static let reference = shazeer
    public static let usesExp = true
    public static let sliceMonotonic = false
}

/// ReGLU's gate, relu: g(b) = max(b, 0) (its slope at 0 taken as 0, as PyTorch's relu).
public enum ReLUGate: LinearUnitGate {
    public static func forwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedForwardRow(Self.self, a, b, y, n)
    }
    public static func backwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                   _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedBackwardRow(Self.self, a, b, dy, da, db, n)
    }
    public static let unitID = "reglu"
    @inlinable public static func value(_ b: Float) -> Float { b > 0 ? b : 0 }
    @inlinable public static func slope(_ b: Float) -> Float { b > 0 ? 1 : 0 }
    public static func value(_ b: Double) -> Double { b.isNaN ? b : (b > 0 ? b : 0) }
    public static func slope(_ b: Double) -> Double { b > 0 ? 1 : 0 }
    public static let gateFormula = "max(b, 0)"
    public static let reference = shazeer
    public static let usesExp = false
    public static let sliceMonotonic = true
}

/// The bilinear layer's gate, the identity: g(b) = b.
public enum IdentityGate: LinearUnitGate {
    public static func forwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedForwardRow(Self.self, a, b, y, n)
    }
    public static func backwardRow(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                                   _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>, _ n: Int) {
        gatedBackwardRow(Self.self, a, b, dy, da, db, n)
    }
    public static let unitID = "bilinear"
    @inlinable public static func value(_ b: Float) -> Float { b }
    @inlinable public static func slope(_ b: Float) -> Float { 1 }
    public static func value(_ b: Double) -> Double { b }
    public static func slope(_ b: Double) -> Double { 1 }
    public static let gateFormula = "b"
    public static let reference = shazeer + "; Mnih & Hinton, 2007 (bilinear layers)"
    public static let usesExp = false
    public static let sliceMonotonic = false
}

public typealias SwiGLU = GatedLinearUnit<SwishGate>
public typealias GEGLU = GatedLinearUnit<GELUGate>
public typealias ReGLU = GatedLinearUnit<ReLUGate>
public typealias Bilinear = GatedLinearUnit<IdentityGate>
