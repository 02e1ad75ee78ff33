import Activations
import Testing

/// Lookup by id and alias, parameter validation, and config round trips.
struct RegistryTests {
    @Test func everyIdAndAliasResolvesToItsType() throws {
        for type in Activation.all {
            for name in [type.id] + type.aliases {
                #expect(try Activation.named(name).id == type.id)
                #expect(try Activation.named(name.uppercased()).id == type.id)
            }
        }
        #expect(Set(Activation.ids).count == Activation.all.count)
        #expect(try Activation.named("swish").id == "silu")
    }

    @Test func keras3AndPytorchUnionIsCovered() {
        let required = ["linear", "sigmoid", "hard_sigmoid", "log_sigmoid", "tanh", "hard_tanh", "tanh_shrink", "relu", "relu6",
                        "leaky_relu", "prelu", "rrelu", "elu", "selu", "celu", "gelu", "silu", "swish", "hard_silu", "hard_swish",
                        "mish", "softplus", "softsign", "squareplus", "soft_shrink", "hard_shrink", "threshold", "exponential",
                        "glu", "softmax", "log_softmax", "softmin", "sparsemax", "sparse_plus", "sparse_sigmoid", "maxout"]
        for name in required { #expect(Activation.type(named: name) != nil, "missing \(name)") }
    }

    @Test func parametersRoundTripThroughTheRegistry() throws {
        for c in Case.all {
            let f = c.function
            let again = try Activation.named(f.id, parameters: f.parameters)
            #expect(again.parameters == f.parameters, "\(c.testDescription)")
            for x in [-2.5, -0.3, 0.7, 4.0] { #expect(again.value(x) == f.value(x)) }
        }
    }

    @Test func defaultsFollowKeras3AndRecordPytorch() throws {
        #expect(try Activation.named("leaky_relu").parameters["alpha"] == Double(Float(0.3)))
        #expect(try Activation.named("leaky_relu", parameters: ["negative_slope": 0.1]).parameters["alpha"] == Double(Float(0.1)))
        // keras.activations.gelu (activation="gelu") and torch.nn.GELU are both exact; only keras.ops.gelu approximates.
        #expect(try Activation.named("gelu").parameters["approximate"] == 0)
        #expect(GELU.parameterSpecs[0].pytorchDefault == nil && LeakyReLU.parameterSpecs[0].pytorchDefault != nil)
        #expect(PReLUActivation.parameterSpecs[0].pytorchDefault?.contains("0.25") == true)
        #expect(try Activation.named("squareplus").parameters["b"] == 4)
        #expect(try Activation.named("soft_shrink").parameters["threshold"] == 0.5)
        #expect(SELU.alpha == 1.6732632423543772848170429916717 && SELU.scale == 1.0507009873554804934193349852946)
        #expect(try Activation.named("hard_sigmoid").value(2.5) == (2.5 + 3) / 6)
        #expect(try Activation.named("hard_sigmoid", parameters: ["legacy": 1]).value(2.5) == 1)
    }

    @Test func unknownNamesSuggestTheClosest() {
        #expect(throws: ActivationError.self) { try Activation.named("leaky_rellu") }
        do {
            _ = try Activation.named("leaky_rellu")
        } catch let error as ActivationError {
            #expect(error.description.contains("did you mean 'leaky_relu'"), "\(error)")
        } catch { Issue.record("\(error)") }
        #expect(Activation.suggestions(for: "gelu2").contains("gelu"))
        #expect(Activation.suggestions(for: "softmx").first == "softmax")
        #expect(Activation.suggestions(for: "hard_swsh").contains("hard_swish"))
    }

    @Test(arguments: [
        ("leaky_relu", "alpha", -0.1), ("elu", "alpha", -1), ("celu", "alpha", 0), ("softplus", "beta", 0),
        ("squareplus", "b", -4), ("gelu", "approximate", 0.5), ("relu", "negative_slope", -1), ("relu", "max_value", -1),
        ("soft_shrink", "threshold", -0.5), ("hard_shrink", "threshold", .nan), ("silu", "beta", 0), ("maxout", "pieces", 0),
        ("maxout", "pieces", 2.5), ("hard_sigmoid", "legacy", 2), ("rrelu", "lower", -0.1), ("softmax", "axis", 1),
    ])
    func invalidParametersAreRejectedWithTheirRange(_ name: String, _ parameter: String, _ value: Double) {
        do {
            _ = try Activation.named(name, parameters: [parameter: value])
            Issue.record("\(name) accepted \(parameter) = \(value)")
        } catch let error as ActivationError {
            guard case let .invalidParameter(activation, p, _, expected) = error else { Issue.record("\(error)"); return }
            #expect(activation == name && p == parameter && !expected.isEmpty)
            #expect(error.description.contains("expected"))
        } catch { Issue.record("\(error)") }
    }

    @Test func inconsistentPairsAreRejected() {
        #expect(throws: ActivationError.self) { try Activation.named("hard_tanh", parameters: ["min_val": 1, "max_val": 0]) }
        #expect(throws: ActivationError.self) { try Activation.named("rrelu", parameters: ["lower": 0.5, "upper": 0.1]) }
        #expect(throws: ActivationError.self) { try Activation.named("relu", parameters: ["slope": 0.1]) }
    }

    @Test func everyEntryDocumentsItself() {
        for type in Activation.all {
            let f = try! type.init(parameters: [:])
            #expect(!f.formula.isEmpty && !f.reference.isEmpty, "\(type.id)")
            for spec in type.parameterSpecs {
                #expect(!spec.validRange.isEmpty && !spec.summary.isEmpty)
                if let d = spec.defaultValue { #expect(spec.accepts(d), "\(type.id).\(spec.name) default \(d) outside \(spec.validRange)") }
            }
        }
    }
}
