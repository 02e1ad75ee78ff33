import Activations
import Foundation
import Layers
import Reports
import Tensors
import Testing
@testable import ActLabCLI

/// `actlab show <layer> --model file`: a saved layer's learned activation against its initial form.
@Suite struct ShowLearnedTests {
    /// A Dense(4, snake) -> Dense(2) model trained a few steps and saved; returns its folder and file.
    static func savedModel() throws -> (folder: String, file: String) {
        let folder = NSTemporaryDirectory() + "actlab-learned-" + UUID().uuidString
        var rng = RandomGenerator(seed: 3)
        let x = Tensor(shape: [32, 3], scalars: (0..<96).map { _ in rng.uniform(-2, 2) })
        let y = Tensor(shape: [32, 2], scalars: (0..<64).map { _ in rng.uniform(-1, 1) })
        let model = try Sequential(seed: 2) {
            Dense(4, activation: Snake(), inputShape: [3])
            Dense(2)
        }
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        _ = try model.fit(x: x, y: y, epochs: 5, batchSize: 8)
        let file = folder + "/snake.model.json"
        try ModelStore.save(model, to: file)
        return (folder, file)
    }

    @Test func showsLearnedAgainstInitialAndChartsBoth() throws {
        let (folder, file) = try Self.savedModel()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = try CommandRunner.run(["show", "dense", "--model", file, "--out", folder])
        #expect(output.contains("dense (Dense) in \(file): snake learned"), "\(output)")
        #expect(output.contains("alpha: initial 1, learned mean"), "\(output)")
        let svg = try String(contentsOfFile: folder + "/dense_snake_learned.svg", encoding: .utf8)
        for label in ["learned f(x)", "initial f(x)", "learned f′(x)"] { #expect(svg.contains(label), "\(label)") }
    }

    @Test func layersWithoutLearnedActivationsAndUnknownLayersAreOneLineErrors() throws {
        let (folder, file) = try Self.savedModel()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try #require(CommandRunner.failure(["show", "dense_1", "--model", file, "--out", folder]))
        #expect(plain.contains("layer 'dense_1' (Dense) has no learnable activation") && !plain.contains("\n"), "\(plain)")
        let missing = try #require(CommandRunner.failure(["show", "nope", "--model", file, "--out", folder]))
        #expect(missing.contains("no layer 'nope'; its layers: dense, dense_1"), "\(missing)")
        let absent = try #require(CommandRunner.failure(["show", "dense", "--model", folder + "/none.json"]))
        #expect(absent.contains("no such model file"), "\(absent)")
    }
}
