import Activations
import Foundation
import Testing
@testable import Layers

/// A model file is as hostile as a command line: an activation parameter beyond Float or an
/// expression nested past the limits fails to load with the file and layer named, quickly.
@Suite struct ModelFileActivationLimitTests {
    /// A one-layer model file whose activation is `id` with `parameters`.
    static func file(activation id: String, _ parameters: [String: Double]) throws -> Data {
        let model = Sequential(name: "probe", seed: 3) { Dense(2, activation: .relu, inputShape: [3], name: "hidden") }
        var json = try JSONSerialization.jsonObject(with: model.serialized()) as! [String: Any]
        var layers = json["layers"] as! [[String: Any]]
        var config = layers[0]["config"] as! [String: Any]
        config["activation"] = ["id": id, "parameters": parameters]
        layers[0]["config"] = config
        json["layers"] = layers
        return try JSONSerialization.data(withJSONObject: json)
    }

    static func loadError(_ data: Data) -> String? {
        do { _ = try Sequential.deserialize(data, source: "model.json"); return nil } catch { return "\(error)" }
    }

    @Test(arguments: [("leaky_relu", "alpha", 1e40), ("softplus", "beta", 1e-50), ("threshold", "threshold", -1e39)])
    func parametersBeyondFloatFailToLoad(_ id: String, _ parameter: String, _ value: Double) throws {
        let message = try #require(Self.loadError(try Self.file(activation: id, [parameter: value])))
        #expect(message.hasPrefix("model.json: layer 'hidden' (Dense): activation '\(id)': \(parameter) = \(value) is out of range"), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func expressionsPastTheLimitsFailToLoad() throws {
        let clock = ContinuousClock()
        for (text, expected) in [
            (String(repeating: "(", count: 30_000) + "x" + String(repeating: ")", count: 30_000), "expression too long"),
            (String(repeating: "-", count: 120_000) + "x", "expression too long"),
            (String(repeating: "-", count: 5000) + "x", "expression nested too deeply at column 65"),
        ] {
            let data = try Self.file(activation: text, [:])
            var message: String?
            let elapsed = clock.measure { message = Self.loadError(data) }
            #expect(elapsed < .seconds(1))
            #expect(try #require(message).hasPrefix("model.json: layer 'hidden' (Dense): \(expected)"), "\(message?.prefix(200) ?? "")")
            #expect(message?.contains("\n") == false && (message?.count ?? 0) < 300)
        }
    }
}
