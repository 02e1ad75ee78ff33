import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// The README's Swift snippets, compiled and run, so the documentation cannot drift from the API.
@Suite struct ReadmeExampleTests {
    @Test func catalogueSnippetBuildsAndTrains() throws {
        let f = try Activation.named("leaky_relu", parameters: ["alpha": 0.1])
        #expect(abs(f.value(-2) + 0.2) < 1e-6)
        let g = try Activation.named("x * sigmoid(1.5 * x)")
        #expect(abs(g.value(1) - 1 / (1 + Foundation.exp(-1.5))) < 1e-12)
        let model = Sequential(seed: 3) {
            Dense(12, activation: .linear, inputShape: [6])
            LeakyReLU(alpha: 0.1)
            Maxout(4, pieces: 3)
            Dense(2, activation: .softmax)
        }
        try model.compile(optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"])
        #expect(model.layers.map(\.typeName) == ["Dense", "Activation", "Maxout", "Dense"])
        var rng = RandomGenerator(seed: 5)
        let x = Tensor(zeros: [64, 6]); x.fillNormal(using: &rng)
        let y = Tensor(zeros: [64, 2])
        for r in 0..<64 { y[r, x[r, 0] > 0 ? 1 : 0] = 1 }
        let history = try model.fit(x: x, y: y, epochs: 80, batchSize: 8)
        #expect(history["accuracy"].last! > 0.9)
        _ = Dense(64, activation: .elu)
        _ = Dense(64, activation: GELU(approximation: .none))
        _ = Dense(64, activation: SiLU(beta: 1.5))
    }

    /// The README's callbacks snippet: early stopping, a best-only checkpoint, a CSV log and the NaN guard together.
    @Test func callbacksSnippetRuns() throws {
        let folder = NSTemporaryDirectory() + "actlab-readme-callbacks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = Sequential(seed: 4) {
            Dense(8, activation: .relu, inputShape: [2])
            Dense(1, activation: .sigmoid)
        }
        try model.compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"])
        var rng = RandomGenerator(seed: 6)
        let x = Tensor(zeros: [200, 2]); x.fillNormal(using: &rng)
        let y = Tensor(zeros: [200, 1])
        for r in 0..<200 { y[r, 0] = x[r, 0] + x[r, 1] > 0 ? 1 : 0 }
        let history = try model.fit(x: x, y: y, epochs: 50, batchSize: 32, validationSplit: 0.2, callbacks: [
            EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true),
            try ModelCheckpoint(filepath: folder + "/best.model.json", monitor: "val_loss", saveBestOnly: true),
            CSVLogger(filename: folder + "/training.csv"),
            TerminateOnNaN(),
        ])
        #expect(history.epochs >= 1 && history.epochs <= 50)
        #expect(FileManager.default.fileExists(atPath: folder + "/best.model.json"))
        let csv = try String(contentsOfFile: folder + "/training.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == history.epochs + 1)
        #expect(history["val_accuracy"].last! > 0.8)
    }
}
