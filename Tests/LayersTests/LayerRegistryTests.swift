import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// The layer registry, layer state and model files: every type round-trips, version-1 files
/// still load, state is saved and counted but never trained, and sizes are checked before allocation.
@Suite struct LayerRegistryTests {
    init() { LayerRegistry.register(ShiftLayer.self) }

    /// One of every layer type, state included, trained a little so no weight is at its initial value.
    static func everyLayerType() throws -> (Sequential, Tensor) {
        LayerRegistry.register(ShiftLayer.self)
        let model = try Sequential(name: "every", seed: 5) {
            ShiftLayer(offset: 0.5, inputShape: [4], name: "shift")
            Dense(8, activation: .relu)
            ActivationLayer(RReLU(lower: 0.1, upper: 0.3), seed: 77)
            Maxout(6, pieces: 3)
            PReLU(alpha: 0.25)
            Swish(beta: 1.5)
            Dense(6, activation: try Activation.named("leaky_relu", parameters: ["alpha": 0.2]))
            LeakyReLU(alpha: 0.1)
            Dense(3)
            Softmax()
        }
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy")
        var rng = RandomGenerator(seed: 3)
        let x = Tensor(zeros: [24, 4]); x.fillNormal(using: &rng)
        let y = Tensor(zeros: [24, 3])
        for r in 0..<24 { y[r, r % 3] = 1 }
        try model.fit(x: x, y: y, epochs: 2, batchSize: 8)
        model.state[0].value[1] = -0.75  // state the optimizer never sets
        return (model, x)
    }

    @Test func everyLayerTypeRoundTrips() throws {
        let (model, x) = try Self.everyLayerType()
        let data = try model.serialized()
        let loaded = try Sequential.deserialize(data, source: "every.json")
        #expect(loaded.layers.map(\.typeName) == model.layers.map(\.typeName))
        #expect(loaded.layers.map(\.name) == model.layers.map(\.name))
        #expect(loaded.weights.map(\.scalars) == model.weights.map(\.scalars))
        #expect(loaded.state.map(\.value.scalars) == [[0.5, -0.75, 0.5, 0.5]])
        #expect(try loaded.predict(x).scalars == model.predict(x).scalars)
        #expect(try loaded.summary() == model.summary())
        #expect(try loaded.serialized() == data)
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(json["version"] as? Int == 2)
        let layers = json["layers"] as! [[String: Any]]
        #expect(layers.map { $0["type"] as! String }
                == ["TestShift", "Dense", "Activation", "Maxout", "PReLU", "Swish", "Dense", "Activation", "Dense", "Activation"])
        #expect((layers[0]["state"] as! [[String: Any]]).map { $0["name"] as! String } == ["offset"])
        #expect((layers[3]["config"] as! [String: Any])["pieces"] as? Int == 3)
    }

    /// A version-1 file (flat records, stand-alone RReLU typed "RReLU") written out by hand
    /// from a model's weights loads into the same model.
    @Test func versionOneFilesStillLoad() throws {
        let model = try Sequential(name: "old", seed: 2) {
            Dense(6, activation: .tanh, inputShape: [3])
            RReLU(lower: 0.1, upper: 0.2)
            Maxout(4, pieces: 2)
            PReLU(alpha: 0.3)
            Swish(beta: 0.5)
            Dense(2, activation: .softmax)
        }
        try model.build()
        func weights(_ layer: any Layer) -> [[String: Any]] {
            layer.parameters.map { p in
                let bytes = p.value.scalars.flatMap { f in withUnsafeBytes(of: f.bitPattern.littleEndian) { Array($0) } }
                return ["name": p.name, "shape": p.value.shape, "data": Data(bytes).base64EncodedString()]
            }
        }
        let l = model.layers
        let records: [[String: Any]] = [
            ["type": "Dense", "name": l[0].name, "units": 6, "inputShape": [3],
             "activation": ["id": "tanh", "parameters": [String: Double]()], "weights": weights(l[0])],
            ["type": "RReLU", "name": l[1].name, "activation": ["id": "rrelu", "parameters": ["lower": 0.1, "upper": 0.2]],
             "weights": [Any]()],
            ["type": "Maxout", "name": l[2].name, "units": 4, "pieces": 2, "weights": weights(l[2])],
            ["type": "PReLU", "name": l[3].name, "initialValue": 0.3, "weights": weights(l[3])],
            ["type": "Swish", "name": l[4].name, "initialValue": 0.5, "weights": weights(l[4])],
            ["type": "Dense", "name": l[5].name, "units": 2,
             "activation": ["id": "softmax", "parameters": [String: Double]()], "weights": weights(l[5])],
        ]
        let file: [String: Any] = ["format": "activationlab-model", "version": 1, "name": "old", "seed": 2, "layers": records]
        let loaded = try Sequential.deserialize(JSONSerialization.data(withJSONObject: file), source: "old.json")
        #expect(loaded.layers.map(\.typeName) == ["Dense", "RReLU", "Maxout", "PReLU", "Swish", "Dense"])
        #expect((loaded.layers[3] as? PReLU)?.initialAlpha == 0.3)
        #expect((loaded.layers[4] as? Swish)?.initialBeta == 0.5)
        #expect(loaded.weights.map(\.scalars) == model.weights.map(\.scalars))
        var rng = RandomGenerator(seed: 9)
        let x = Tensor(zeros: [7, 3]); x.fillNormal(using: &rng)
        #expect(try loaded.predict(x).scalars == model.predict(x).scalars)
        // Saved again, it is a version-2 file.
        let again = try JSONSerialization.jsonObject(with: loaded.serialized()) as! [String: Any]
        #expect(again["version"] as? Int == 2)
    }

    @Test func unregisteredTypesNameTheKnownOnes() throws {
        var json = try JSONSerialization.jsonObject(with: Self.everyLayerType().0.serialized()) as! [String: Any]
        var layers = json["layers"] as! [[String: Any]]
        layers[1]["type"] = "Conv3D"
        json["layers"] = layers
        let data = try JSONSerialization.data(withJSONObject: json)
        let error = try #require(throws: LayerError.self) { try Sequential.deserialize(data, source: "m.json") }
        #expect("\(error)" == "m.json: layer 'dense' has unknown type 'Conv3D'; known types: "
                + LayerRegistry.names.joined(separator: ", "))
        #expect(LayerRegistry.names.contains("TestShift"))
    }

    @Test func summaryCountsNonTrainableState() throws {
        let model = Sequential {
            ShiftLayer(offset: 1, inputShape: [4], name: "shift")
            Dense(2)
        }
        let expected = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        │ shift (TestShift)               │ (None, 4)              │             8 │
        ├─────────────────────────────────┼────────────────────────┼───────────────┤
        │ dense (Dense)                   │ (None, 2)              │            10 │
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 18 (72.00 B)
         Trainable params: 14 (56.00 B)
         Non-trainable params: 4 (16.00 B)
        """
        #expect(try model.summary() == expected)
        #expect(try model.parameterCounts() == (14, 4))
        #expect(!model.isBuilt)
        try model.build()
        #expect(model.parameterCount == 18)
        #expect(model.parameters.map(\.name) == ["scale", "kernel", "bias"])
        #expect(model.state.map(\.name) == ["offset"])
        // Keras get_weights order: per layer, trainable then non-trainable.
        #expect(model.weights.map(\.shape) == [[4], [4], [4, 2], [2]])
        #expect(model.weights[1] === model.state[0].value)
    }

    @Test(arguments: ["sgd", "rmsprop", "adam"])
    func optimizersNeverTouchState(_ optimizer: String) throws {
        let model = Sequential(seed: 1) {
            ShiftLayer(offset: 0.25, inputShape: [4], name: "shift")
            Dense(2, activation: .softmax)
        }
        try model.compile(optimizer: optimizer, loss: "categorical_crossentropy")
        let scaleBefore = model.parameters[0].value.scalars
        var rng = RandomGenerator(seed: 2)
        let x = Tensor(zeros: [16, 4]); x.fillNormal(using: &rng)
        let y = Tensor(zeros: [16, 2])
        for r in 0..<16 { y[r, r % 2] = 1 }
        try model.fit(x: x, y: y, epochs: 3, batchSize: 4)
        #expect(model.parameters[0].value.scalars != scaleBefore, "the trainable scale moved")
        #expect(model.state[0].value.scalars == [0.25, 0.25, 0.25, 0.25])
        #expect(!model.parameters.contains { $0 === model.state[0] })
    }

    /// 784 x 1e9 + 1e9 weights: the summary reads the plans and allocates none of them; build
    /// refuses before allocating, naming the layer.
    @Test func hugeModelsAreSummarisedWithoutAllocating() throws {
        let model = Sequential {
            Dense(1_000_000_000, activation: .relu, inputShape: [784])
            Dense(10, activation: .softmax)
        }
        let text = try model.summary()
        #expect(text.contains("│ dense (Dense)                   │ (None, 1000000000)     │ 785,000,000,000 │"), "\(text)")
        #expect(text.contains("│ dense_1 (Dense)                 │ (None, 10)             │  10,000,000,010 │"), "\(text)")
        // The table widens to the widest cell, so every line has the same length.
        #expect(Set(text.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┏") }.map(\.count)).count == 1)
        #expect(text.contains(" Total params: 795,000,000,010 (2.89 TB)"), "\(text)")
        #expect(text.contains(" Non-trainable params: 0 (0.00 B)"))
        #expect(try model.parameterCounts() == (795_000_000_010, 0))
        #expect(!model.isBuilt)
        let error = try #require(throws: SizeError.self) { try model.build() }
        #expect(error.description.hasPrefix("layer 'dense' (Dense) weights and gradients needs"), "\(error)")
        #expect(model.layers.allSatisfy { $0.parameters.isEmpty })
    }

    @Test func countsThatOverflowFailCleanly() throws {
        let wide = Sequential { Dense(Int.max, inputShape: [2]) }
        let error = try #require(throws: LayerError.self) { try wide.summary() }
        #expect("\(error)".hasPrefix("layer 'dense': a weight of shape [2, 9223372036854775807]"), "\(error)")
        #expect(throws: LayerError.self) { try wide.build() }
        let maxout = Sequential { Maxout(Int.max / 2, pieces: 3, inputShape: [2]) }
        let m = try #require(throws: LayerError.self) { try maxout.build() }
        #expect("\(m)".contains("overflows a 64-bit count"))
    }

    @Test func nonFiniteWeightsAreNeverWritten() throws {
        let model = Sequential { Dense(3, inputShape: [2]); Dense(1, name: "head") }
        try model.build()
        model.layers[1].parameters[1].value[0] = .nan
        let error = try #require(throws: LayerError.self) { try model.serialized() }
        #expect("\(error)" == "layer 'head' weight 'bias' holds NaN at index 0; a model file holds finite numbers only")
        model.layers[1].parameters[1].value[0] = 0
        model.layers[0].parameters[0].value[4] = -.infinity
        #expect(throws: LayerError.self) { try model.serialized() }
    }
}
