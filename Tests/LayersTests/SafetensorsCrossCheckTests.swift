import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// Writes a small trained-shape Dense model, its inputs and our predictions for
/// scripts/crosscheck_safetensors.py, which reads them with Python's safetensors package and
/// predicts again in NumPy. Set ACTLAB_CROSSCHECK_DIR to keep the files.
@Suite struct SafetensorsCrossCheckTests {
    static func model() -> Sequential {
        Sequential(name: "crosscheck", seed: 17) {
            Dense(6, activation: .relu, inputShape: [4])
            Dense(5, activation: .tanh)
            Dense(4, activation: .sigmoid)
            Dense(3, activation: .softmax)
        }
    }

    @Test func writesAModelInputsAndPredictions() throws {
        let keep = ProcessInfo.processInfo.environment["ACTLAB_CROSSCHECK_DIR"]
        let dir = keep ?? NSTemporaryDirectory() + "actlab-crosscheck-" + UUID().uuidString
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: dir) } }
        let model = Self.model()
        try model.build()
        var rng = RandomGenerator(seed: 4)
        // Biases start at zero; give them values so the check covers them.
        for layer in model.layers { layer.parameters[1].value.fillNormal(std: 0.5, using: &rng) }
        let x = Tensor(zeros: [9, 4]); x.fillNormal(mean: 0, std: 2, using: &rng)
        let y = try model.predict(x)
        try model.save(to: dir + "/model.json")
        try Safetensors(tensors: [("x", x), ("y", y)], metadata: ["what": "inputs x and predictions y of model.json"]).write(to: dir + "/probe.safetensors")

        let loaded = try Sequential.load(from: dir + "/model.json")
        #expect(try loaded.predict(x).scalars == y.scalars)
        let probe = try Safetensors.read(path: dir + "/probe.safetensors")
        #expect(probe["y"]?.scalars == y.scalars)

        // The other direction: a file Python wrote (F16, F32, F64), written back as F32 for it to compare.
        let fromPython = dir + "/from_python.safetensors"
        if FileManager.default.fileExists(atPath: fromPython) {
            try Safetensors.read(path: fromPython).write(to: dir + "/from_python_f32.safetensors")
        }
    }
}
