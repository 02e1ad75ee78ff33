import Activations
import Foundation
import PropertyBased
import Testing

/// Properties every registered element-wise activation keeps under random valid parameters.
@Suite struct ActivationPropertyTests {
    static let elementwise: [any RegisteredActivation.Type] = Activation.all.filter { (try? $0.init(parameters: [:]))?.isElementwise == true }
    static let grid: [Double] = stride(from: -20.0, through: 20.0, by: 0.37).map { $0 }

    /// A value of `spec` from `u` in [0, 1]: an ordinary one (log-uniform over [0.01, 10] for
    /// positive parameters, uniform over [-5, 5] for signed ones), or with `extreme` one of the
    /// Float limits the parameter admits.
    static func value(of spec: ParameterSpec, _ u: Double, extreme: Bool) -> Double {
        if spec.integral { return min(spec.upper, spec.lower + (u * 3).rounded(.down)) }
        if extreme {
            let limits = [Double(Float.greatestFiniteMagnitude), Double(Float.leastNormalMagnitude), 0,
                          -Double(Float.leastNormalMagnitude), -Double(Float.greatestFiniteMagnitude)].filter(spec.accepts)
            return limits[min(limits.count - 1, Int(u * Double(limits.count)))]
        }
        if spec.lower >= 0 {
            // Now and then zero, where the interval holds it.
            if spec.lower == 0 && spec.lowerInclusive && u < 0.1 { return 0 }
            return min(spec.upper, max(spec.lower, 0.01 * Foundation.pow(1000, u)))
        }
        return max(spec.lower, min(spec.upper, -5 + 10 * u))
    }

    /// The activation at catalogue index `index` with parameters drawn from `us`; nil when the
    /// draw breaks a rule between two parameters (hard_tanh's min_val < max_val), which must
    /// then be an `invalidParameter` error.
    static func make(_ index: Int, _ us: [Double], extreme: Bool) throws -> (any ActivationFunction)? {
        let type = elementwise[index % elementwise.count]
        var parameters = [String: Double]()
        for (spec, u) in zip(type.parameterSpecs, us) where spec.defaultValue != nil || u > 0.5 {
            parameters[spec.name] = value(of: spec, u, extreme: extreme)
        }
        do {
            return try Activation.named(type.id, parameters: parameters)
        } catch let error as ActivationError {
            guard case let .invalidParameter(_, _, _, expected) = error, expected.contains("below") || expected.contains("<=") || expected.contains(">=") else {
                Issue.record("\(type.id) \(parameters): \(error)")
                return nil
            }
            return nil
        }
    }

    static let inputs = (Gen.int(in: 0...999), Gen.double(in: 0...1).array(of: 3), Gen.bool)

    @Test func valuesAreFiniteForFiniteInputs() async throws {
        await propertyCheck(count: 300, input: Self.inputs.0, Self.inputs.1, Self.inputs.2) { index, us, extreme in
            guard let f = try Self.make(index, us, extreme: extreme) else { return }
            for x in Self.grid {
                #expect(f.value(x).isFinite, "\(f) at \(x): \(f.value(x))")
                #expect(f.derivative(x).isFinite, "\(f)' at \(x)")
                // In Float too, unless the parameter alone is near Float's limits.
                if !extreme { #expect(f.floatValue(Float(x)).isFinite, "\(f) at \(x) in Float") }
            }
        }
    }

    @Test func derivativesMatchFiniteDifferencesWhereSmooth() async throws {
        await propertyCheck(count: 200, input: Self.inputs.0, Self.inputs.1) { index, us in
            guard let f = try Self.make(index, us, extreme: false) else { return }
            for x in Self.grid where f.kinks.allSatisfy({ abs($0 - x) > 1e-3 }) {
                let h = 1e-5 * max(1, abs(x))
                let (l, c, r) = (f.value(x - h), f.value(x), f.value(x + h))
                // One-sided slopes that disagree mean a kink within h that `kinks` does not list
                // (softplus's switch below 1e-6); nothing to compare there.
                guard abs((c - l) - (r - c)) / h <= 1e-3 * (1 + abs(r - l) / (2 * h)) else { continue }
                let numeric = (r - l) / (2 * h), symbolic = f.derivative(x)
                #expect(abs(numeric - symbolic) <= 1e-4 * (1 + abs(symbolic)), "\(f)' at \(x): \(symbolic) vs \(numeric)")
            }
        }
    }

    @Test func parametersRoundTripThroughTheRegistry() async throws {
        await propertyCheck(count: 300, input: Self.inputs.0, Self.inputs.1, Self.inputs.2) { index, us, extreme in
            guard let f = try Self.make(index, us, extreme: extreme) else { return }
            let again = try Activation.named(f.id, parameters: f.parameters)
            #expect(again.parameters == f.parameters, "\(f)")
            for x in [-3.0, -0.4, 0.6, 5] { #expect(again.value(x) == f.value(x) || (again.value(x).isNaN && f.value(x).isNaN), "\(f) at \(x)") }
        }
    }
}

extension ActivationFunction {
    /// The Float-precision value, for element-wise functions.
    func floatValue(_ x: Float) -> Float {
        var y: Float = 0
        withUnsafePointer(to: x) { p in forward(p, &y, rows: 1, columns: 1) }
        return y
    }
}
