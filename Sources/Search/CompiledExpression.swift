import Activations
import Foundation

/// An `ExpressionActivation` whose tree and derivative tree are turned into nested closures over
/// Float once, so that training does not walk the tree per element: a search trains thousands of
/// expressions, and tree walking was most of each deep evaluation. Values agree with the tree's
/// Float evaluation to rounding (the functions are the C library's).
public struct CompiledExpression: ElementwiseActivation {
    public let source: ExpressionActivation
    private let f: @Sendable (Float) -> Float
    private let df: @Sendable (Float) -> Float

    public init(_ source: ExpressionActivation) {
        self.source = source
        f = Self.compile(source.tree)
        df = Self.compile(source.derivativeTree)
    }

    public var id: String { source.id }
    public var formula: String { source.formula }
    public var reference: String { source.reference }

    public func value(_ x: Float) -> Float { f(x) }
    public func derivative(x: Float, y: Float) -> Float { df(x) }
    public func value(_ x: Double) -> Double { source.value(x) }
    public func derivative(_ x: Double) -> Double { source.derivative(x) }

    typealias Function = @Sendable (Float) -> Float

    static func compile(_ tree: ExpressionTree) -> Function {
        if !tree.dependsOnX {
            let c: Float = tree.evaluate(at: 0)
            return { _ in c }
        }
        switch tree {
        case .number, .constant: preconditionFailure("constant subtrees are folded above")
        case .variable: return { $0 }
        case let .negate(a):
            let fa = compile(a)
            return { -fa($0) }
        case let .binary(op, a, b):
            let (fa, fb) = (compile(a), compile(b))
            switch op {
            case .add: return { fa($0) + fb($0) }
            case .subtract: return { fa($0) - fb($0) }
            case .multiply: return { fa($0) * fb($0) }
            case .divide: return { fa($0) / fb($0) }
            case .power: return { power(fa($0), fb($0)) }
            }
        case let .call(function, args):
            let fa = compile(args[0])
            let fb = args.count > 1 ? compile(args[1]) : fa
            return call(function, fa, fb)
        }
    }

    private static func call(_ function: ExpressionFunction, _ fa: @escaping Function, _ fb: @escaping Function) -> Function {
        switch function {
        case .exp: return { Foundation.exp(fa($0)) }
        case .log: return { Foundation.log(fa($0)) }
        case .sqrt: return { fa($0).squareRoot() }
        case .abs: return { fa($0).magnitude }
        case .sin: return { Foundation.sin(fa($0)) }
        case .cos: return { Foundation.cos(fa($0)) }
        case .tanh: return { Foundation.tanh(fa($0)) }
        case .atan: return { Foundation.atan(fa($0)) }
        case .sigmoid:
            return {
                let a = fa($0), e = Foundation.exp(-a.magnitude)
                return a >= 0 ? 1 / (1 + e) : e / (1 + e)
            }
        case .softplus:
            return {
                let a = fa($0)
                return Swift.max(a, 0) + Foundation.log1p(Foundation.exp(-a.magnitude))
            }
        case .erf: return { Foundation.erf(fa($0)) }
        case .relu: return { let a = fa($0); return a < 0 ? 0 : a }
        case .sign: return { let a = fa($0); return a > 0 ? 1 : (a < 0 ? -1 : a) }
        case .step: return { let a = fa($0); return a > 0 ? 1 : (a.isNaN ? a : 0) }
        case .max: return { let (a, b) = (fa($0), fb($0)); return a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
        case .min: return { let (a, b) = (fa($0), fb($0)); return a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }
        case .pow: return { power(fa($0), fb($0)) }
        }
    }

    /// a^b, exact for the small integral exponents the grammar uses (x^2 at x = -3 is 9, not NaN).
    static func power(_ a: Float, _ b: Float) -> Float {
        switch b {
        case 1: return a
        case 2: return a * a
        case 3: return a * a * a
        default: return b == b.rounded() && b.magnitude < 64 ? Float(Foundation.pow(Double(a), Double(b))) : Foundation.pow(a, b)
        }
    }
}
