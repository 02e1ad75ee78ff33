import Activations
import Testing

/// The second catalogue is registered, with the gated units halving like glu.
struct CatalogueTwoRegistryTests {
    static let added = ["swiglu", "geglu", "reglu", "bilinear", "relu2", "quick_gelu", "xielu", "isru", "isrlu", "bent_identity",
                        "sine", "star_relu", "snake", "srelu", "acon_c", "pau"]

    @Test func everyNewIdIsRegisteredAndTheCatalogueHasAtLeast45() throws {
        for id in Self.added { #expect(Activation.type(named: id) != nil, "missing \(id)") }
        #expect(Activation.all.count >= 45)
        #expect(try Activation.named("squared_relu").id == "relu2")
    }

    @Test func gatedUnitsHalveTheWidthAndRejectOddOnes() throws {
        for id in ["swiglu", "geglu", "reglu", "bilinear"] {
            let f = try Activation.named(id)
            #expect(f.outputColumns(forInputColumns: 512) == 256 && !f.isElementwise)
            #expect(throws: ColumnCountError.self) { try f.validateColumns(7) }
        }
    }

    @Test func learnableOnesSayWhatTheyLearnAndFixedOnesDoNot() throws {
        for id in ["star_relu", "snake", "srelu", "acon_c", "pau"] { #expect(try Activation.named(id).learnable != nil, "\(id)") }
        for id in ["relu", "swiglu", "xielu", "sine", "prelu"] { #expect(try Activation.named(id).learnable == nil, "\(id)") }
        let pau = try #require(try Activation.named("pau").learnable)
        #expect(pau.learnableTensors.map(\.initial.count) == [6, 4])
        // The published leaky-relu fit follows a leaky relu closely on [-2, 2].
        #expect(abs(pau.value(2) - 2) < 0.1 && abs(pau.value(-2)) < 0.1)
    }

    @Test func sreluRejectsCrossedThresholds() {
        #expect(throws: ActivationError.self) { try Activation.named("srelu", parameters: ["t_left": 1, "t_right": 0]) }
    }
}
