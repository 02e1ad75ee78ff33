import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// Saving and loading models: exact round trips, and a one-line error for every kind of damage.
@Suite struct ModelFileTests {
    static func trainedModel() throws -> (Sequential, Tensor) {
        let model = try Sequential(name: "probe", seed: 11) {
            Dense(12, activation: .relu, inputShape: [5])
            LeakyReLU(alpha: 0.1)
            Maxout(6, pieces: 2)
            PReLU(alpha: 0.25)
            Dense(8, activation: try Activation.named("gelu", parameters: ["approximate": 0]))
            Swish(beta: 1.5)
            Dense(6, activation: try Activation.expression("x * sigmoid(1.5 * x)"))
            Dense(3, activation: .softmax)
        }
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy")
        var rng = RandomGenerator(seed: 2)
        let x = Tensor(zeros: [40, 5]); x.fillNormal(using: &rng)
        let y = Tensor(zeros: [40, 3])
        for r in 0..<40 { y[r, r % 3] = 1 }
        try model.fit(x: x, y: y, epochs: 3, batchSize: 8)
        return (model, x)
    }

    @Test func roundTripKeepsEveryWeightAndPrediction() throws {
        let (model, x) = try Self.trainedModel()
        let data = try model.serialized()
        let loaded = try Sequential.deserialize(data, source: "probe.json")
        #expect(try loaded.summary() == model.summary())
        #expect(loaded.weights.map(\.scalars) == model.weights.map(\.scalars))
        #expect(try loaded.predict(x).scalars == model.predict(x).scalars)
        // The loaded model keeps training like any other.
        try loaded.compile(optimizer: "sgd", loss: "categorical_crossentropy")
        #expect(try loaded.serialized() == data)
    }

    static func damaged(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let (model, _) = try trainedModel()
        var json = try JSONSerialization.jsonObject(with: model.serialized()) as! [String: Any]
        edit(&json)
        return try JSONSerialization.data(withJSONObject: json)
    }

    static func layer(_ json: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) {
        var layers = json["layers"] as! [[String: Any]]
        edit(&layers[index])
        json["layers"] = layers
    }

    static func config(_ json: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) {
        layer(&json, index) { l in
            var c = l["config"] as! [String: Any]
            edit(&c)
            l["config"] = c
        }
    }

    static func message(_ data: Data) -> String? {
        do { _ = try Sequential.deserialize(data, source: "model.json"); return nil } catch { return "\(error)" }
    }

    @Test func damageIsReportedInOneLineNamingFileAndLayer() throws {
        let cases: [(String, Data)] = [
            ("not a readable model file", Data("{\"format\":".utf8)),
            ("expected an object at the top level", Data("[]".utf8)),
            ("missing 'format'", Data("{}".utf8)),
            ("expected a string at 'format'", Data("{\"format\": 3, \"version\": 2}".utf8)),
            ("format is 'keras'", try Self.damaged { $0["format"] = "keras" }),
            ("format version 9", try Self.damaged { $0["version"] = 9 }),
            ("expected a list at 'layers'", try Self.damaged { $0["layers"] = 5 }),
            ("missing 'config' in 'layers[2]'", try Self.damaged { Self.layer(&$0, 2) { $0["config"] = nil } }),
            ("layer 'dense' has unknown type 'Conv9D'; known types: Dense, Maxout, PReLU, Swish, Activation",
             try Self.damaged { Self.layer(&$0, 0) { $0["type"] = "Conv9D" } }),
            ("unknown activation 'relux'", try Self.damaged {
                Self.config(&$0, 0) { $0["activation"] = ["id": "relux", "parameters": [String: Double]()] } }),
            ("layer 'dense' (Dense) config: missing 'units'", try Self.damaged { Self.config(&$0, 0) { $0["units"] = nil } }),
            ("layer 'dense' (Dense) config: expected an integer at 'units'", try Self.damaged { Self.config(&$0, 0) { $0["units"] = "many" } }),
            ("layer 'maxout' (Maxout): activation 'maxout': pieces", try Self.damaged { Self.config(&$0, 2) { $0["pieces"] = 0 } }),
            ("layer 'dense' (Dense) config: 'units' holds 1.5, which does not fit its field", try Self.damaged { Self.config(&$0, 0) { $0["units"] = 1.5 } }),
            ("(PReLU) config: 'alpha' holds 1e+300", try Self.damaged { Self.config(&$0, 3) { $0["alpha"] = 1e300 } }),
            ("units must be positive", try Self.damaged { Self.config(&$0, 0) { $0["units"] = -3 } }),
            ("layer 'dense' (Dense) weights and gradients needs", try Self.damaged { Self.config(&$0, 0) { $0["units"] = 1_000_000_000_000 } }),
            ("layer 'dense': a weight of shape", try Self.damaged { Self.config(&$0, 0) { $0["units"] = Int.max } }),
            ("has 3 weights; expected 2", try Self.damaged { Self.layer(&$0, 0) { l in
                let w = l["weights"] as! [[String: Any]]
                l["weights"] = w + [w[0]]
            } }),
            ("does not hold 60 float32", try Self.damaged { Self.layer(&$0, 0) { l in
                var w = l["weights"] as! [[String: Any]]
                w[0]["data"] = "AAAA"
                l["weights"] = w
            } }),
            ("has shape [4, 12]", try Self.damaged { Self.layer(&$0, 0) { l in
                var w = l["weights"] as! [[String: Any]]
                w[0]["shape"] = [4, 12]
                l["weights"] = w
            } }),
            ("holds NaN", try Self.damaged { Self.layer(&$0, 0) { l in
                var w = l["weights"] as! [[String: Any]]
                w[1]["data"] = Data(repeating: 0xFF, count: 48).base64EncodedString()
                l["weights"] = w
            } }),
        ]
        for (expected, data) in cases {
            let text = try #require(Self.message(data), "accepted a model damaged as '\(expected)'")
            #expect(text.contains(expected), "\(text)")
            #expect(text.hasPrefix("model.json: "))
            #expect(!text.contains("\n"))
        }
    }

    @Test func everyTruncationFailsCleanly() throws {
        let data = try Self.trainedModel().0.serialized()
        var rng = RandomGenerator(seed: 4)
        for _ in 0..<40 {
            let cut = Int(rng.next() % UInt64(data.count))
            #expect(Self.message(data.prefix(cut)) != nil, "a model cut at byte \(cut) loaded")
        }
    }
}
