import Activations
import Testing

/// Parameters are Doubles in dictionaries and model files but Floats in the kernels: values
/// that the conversion would turn into inf, 0 or a subnormal are rejected with their range.
struct ParameterRangeTests {
    func rejection(_ name: String, _ parameters: [String: Double]) -> ActivationError? {
        do {
            _ = try Activation.named(name, parameters: parameters)
            return nil
        } catch {
            return error as? ActivationError
        }
    }

    @Test(arguments: [
        ("leaky_relu", "alpha", 1e40), ("elu", "alpha", 1e40), ("celu", "alpha", 1e40), ("silu", "beta", 1e40),
        ("swish", "beta", 1e40), ("softplus", "beta", 1e40), ("softplus", "threshold", 1e39), ("threshold", "threshold", 1e40),
        ("threshold", "default_value", -1e40), ("relu", "max_value", 1e300), ("relu", "threshold", -1e39), ("prelu", "alpha", 4e38),
        ("rrelu", "upper", 1e40), ("hard_tanh", "max_val", 1e40), ("hard_tanh", "min_val", -1e40), ("squareplus", "b", 1e39),
        ("soft_shrink", "threshold", 1e40), ("hard_shrink", "threshold", 1e40),
        ("softplus", "beta", 1e-50), ("celu", "alpha", 1e-40), ("silu", "beta", 1e-39), ("leaky_relu", "alpha", 1e-45),
        ("leaky_relu", "alpha", .nan), ("elu", "alpha", .infinity), ("threshold", "threshold", -.infinity),
    ])
    func valuesBeyondFloatAreRejectedNamingTheRange(_ name: String, _ parameter: String, _ value: Double) throws {
        let error = try #require(rejection(name, [parameter: value]), "\(name) accepted \(parameter) = \(value)")
        guard case let .invalidParameter(activation, p, v, expected) = error else { Issue.record("\(error)"); return }
        let id = try #require(Activation.type(named: name)).id
        #expect(activation == id && p == parameter && (v == value || v.isNaN))
        let spec = try #require(Activation.type(named: name)?.parameterSpecs.first { $0.name == parameter })
        #expect(expected.hasPrefix(spec.validRange), "\(expected)")
        let message = error.description
        #expect(message.hasPrefix("activation '\(id)': \(parameter) = \(value) is out of range; expected "), "\(message)")
        #expect(!message.contains("\n"))
        if value.isFinite { #expect(message.hasSuffix("(32-bit float)"), "\(message)") }
    }

    @Test func theMessageStatesTheFloatLimits() throws {
        let big = try #require(rejection("leaky_relu", ["alpha": 1e40]))
        #expect(big.description == "activation 'leaky_relu': alpha = 1e+40 is out of range; expected [0.0, inf), "
                + "and 0 or a magnitude in [1.1754944e-38, 3.4028235e+38] (32-bit float)")
        let tiny = try #require(rejection("softplus", ["beta": 1e-50]))
        // Where the interval excludes 0, the message does too.
        #expect(tiny.description == "activation 'softplus': beta = 1e-50 is out of range; expected (0.0, inf), "
                + "and a magnitude in [1.1754944e-38, 3.4028235e+38] (32-bit float)")
        // A value outside the interval itself gets the interval alone.
        let negative = try #require(rejection("elu", ["alpha": -1]))
        #expect(negative.description == "activation 'elu': alpha = -1.0 is out of range; expected [0.0, inf)")
    }

    @Test func theFloatExtremesThemselvesAreAccepted() throws {
        for v in [Double(Float.greatestFiniteMagnitude), Double(Float.leastNormalMagnitude)] {
            for (name, parameter) in [("leaky_relu", "alpha"), ("softplus", "beta"), ("celu", "alpha"), ("threshold", "threshold")] {
                let f = try Activation.named(name, parameters: [parameter: v])
                #expect(f.parameters[parameter] == v)
            }
        }
        // Zero stays valid where the interval holds it, and -0 with it.
        #expect(try Activation.named("leaky_relu", parameters: ["alpha": -0.0]).parameters["alpha"] == 0)
    }

    @Test func everyDeclaredParameterIsChecked() throws {
        for type in Activation.all {
            for spec in type.parameterSpecs {
                for v in [1e39, -1e39, 1e-39, -1e-39, Double.nan, .infinity] {
                    #expect(throws: ActivationError.self, "\(type.id).\(spec.name) = \(v)") {
                        try Activation.named(type.id, parameters: [spec.name: v])
                    }
                }
            }
        }
    }

    @Test func boundsThatMeetAsFloatsAreRejected() throws {
        // 1 and 1 + 1e-9 are different Doubles but the same Float: clip would have an empty middle.
        let error = try #require(rejection("hard_tanh", ["min_val": 1, "max_val": 1 + 1e-9]))
        #expect(error.description == "activation 'hard_tanh': min_val = 1.0 is out of range; "
                + "expected a value below max_val = 1.000000001 as a 32-bit float (both round to 1.0)")
    }

    @Test func rreluAtTheFloatLimitHasAFiniteSlope() throws {
        let top = Double(Float.greatestFiniteMagnitude)
        let f = try Activation.named("rrelu", parameters: ["lower": top, "upper": top])
        #expect(try #require(f as? RReLU).slope == Float.greatestFiniteMagnitude)
        #expect(f.value(-1.0) == -top)
    }

    @Test func aParameterGivenUnderTwoNamesIsRejected() throws {
        let error = try #require(rejection("leaky_relu", ["alpha": 0.1, "negative_slope": 0.2]))
        #expect(error.description == "activation 'leaky_relu': negative_slope = 0.2 is out of range; "
                + "expected only one of alpha, negative_slope (they are the same parameter)")
        #expect(try Activation.named("leaky_relu", parameters: ["negative_slope": 0.2]).parameters["alpha"] == Double(Float(0.2)))
    }

    @Test func longNamesAreClippedInMessages() throws {
        let name = String(repeating: "relu", count: 50_000)
        let error = try #require(rejection(name, [:]))
        #expect(error.description.hasPrefix("unknown activation '" + String(repeating: "relu", count: 19) + "r...'"))
        #expect(error.description.count < 1000)
        let key = String(repeating: "k", count: 10_000)
        let unknown = try #require(rejection("elu", [key: 1]))
        #expect(unknown.description.count < 300)
    }
}
