import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// A small CNN with every spatial layer survives a model-file round trip: configurations,
/// weights, moving statistics and predictions identical; damage is a one-line error.
@Suite struct CNNModelFileTests {
    static func trainedCNN() throws -> (Sequential, Tensor) {
        let model = Sequential(name: "cnn", seed: 3) {
            Input(shape: [8, 8, 2])
            Conv2D(4, 3, padding: .same, activation: .relu)
            BatchNormalization()
            LeakyReLU(alpha: 0.1)
            MaxPooling2D(poolSize: 2, padding: .same)
            Dropout(0.25)
            Conv2D(4, [2, 3], strides: [1, 2], dilationRate: 1, useBias: false)
            AveragePooling2D(poolSize: 2, strides: 1, padding: .same)
            Reshape([-1, 4])
            Reshape([3, 1, 4])
            GlobalAveragePooling2D()
            Flatten()
            Dense(3, activation: .softmax)
        }
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy")
        var rng = RandomGenerator(seed: 8)
        let x = Tensor(zeros: [24, 8, 8, 2]); x.fillNormal(using: &rng)
        let y = Tensor(zeros: [24, 3])
        for r in 0..<24 { y[r, r % 3] = 1 }
        try model.fit(x: x, y: y, epochs: 2, batchSize: 8)
        return (model, x)
    }

    @Test func roundTripKeepsWeightsStateAndPredictions() throws {
        let (model, x) = try Self.trainedCNN()
        #expect(model.state.count == 2 && model.state[0].value.scalars != [0, 0, 0, 0], "moving mean trained")
        let data = try model.serialized()
        let loaded = try Sequential.deserialize(data, source: "cnn.json")
        #expect(loaded.layers.map(\.typeName) == model.layers.map(\.typeName))
        #expect(try loaded.summary() == model.summary())
        #expect(loaded.weights.map(\.scalars) == model.weights.map(\.scalars))
        #expect(try loaded.predict(x).scalars == model.predict(x).scalars)
        #expect(try loaded.serialized() == data)
    }

    @Test func damagedConfigurationsNameTheLayer() throws {
        let (model, _) = try Self.trainedCNN()
        var json = try JSONSerialization.jsonObject(with: model.serialized()) as! [String: Any]
        var layers = json["layers"] as! [[String: Any]]
        var config = layers[1]["config"] as! [String: Any]
        config["kernel_size"] = [3, 3, 3]
        layers[1]["config"] = config
        json["layers"] = layers
        let error = #expect(throws: LayerError.self) {
            try Sequential.deserialize(JSONSerialization.data(withJSONObject: json), source: "cnn.json")
        }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.hasPrefix("cnn.json: ") && text.contains("conv2d") && text.contains("kernel_size") && !text.contains("\n"))
    }
}
