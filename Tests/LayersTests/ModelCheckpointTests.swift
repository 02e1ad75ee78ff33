import Foundation
import Testing
import Tensors
@testable import Layers

@Suite struct ModelCheckpointTests {
    /// The best-only file holds exactly the best epoch's model, and nothing else is left in the folder.
    @Test func keepsTheBestModelWhole() throws {
        let dir = Tiny.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Tiny.model()
        var serialized = [Data]()
        let record = LambdaCallback(onEpochEnd: { _, _ in serialized.append(try model.serialized()) })
        let checkpoint = try ModelCheckpoint(filepath: dir + "/best.model.json", saveBestOnly: true)
        try model.fit(x: Tiny.x, y: Tiny.y, epochs: 5, batchSize: 4,
                      callbacks: [Tiny.inject("val_loss", [0.9, 0.5, 0.7, 0.6, 0.55]), record, checkpoint])
        #expect(checkpoint.saved == [dir + "/best.model.json", dir + "/best.model.json"])
        #expect(checkpoint.best == 0.5)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/best.model.json")) == serialized[1])
        #expect(serialized[1] != serialized[4])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["best.model.json"])
    }

    @Test func epochPlaceholdersNameOneFilePerEpoch() throws {
        let dir = Tiny.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Tiny.model()
        let every = try ModelCheckpoint(filepath: dir + "/m-{epoch:02d}-{loss:.2f}.json", monitor: "loss")
        let plain = try ModelCheckpoint(filepath: dir + "/e{epoch}.json", monitor: "loss")
        try model.fit(x: Tiny.x, y: Tiny.y, epochs: 2, batchSize: 4,
                      callbacks: [Tiny.inject("loss", [0.25, 0.125]), every, plain])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                == ["e1.json", "e2.json", "m-01-0.25.json", "m-02-0.12.json"].sorted())
        // What was saved loads back as the trained model.
        let loaded = try Sequential.deserialize(Data(contentsOf: URL(fileURLWithPath: dir + "/e2.json")), source: "e2.json")
        #expect(loaded.weights.map(\.scalars) == model.weights.map(\.scalars))
    }

    @Test func badPlaceholdersFailInOneLine() throws {
        #expect(errorMessage { _ = try ModelCheckpoint(filepath: "m-{epoch.json") }.contains("'{' without a closing '}'"))
        #expect(errorMessage { _ = try ModelCheckpoint(filepath: "m-{epoch:xx}.json") }.contains("placeholder '{epoch:xx}'"))
        let model = try Tiny.model()
        let checkpoint = try ModelCheckpoint(filepath: Tiny.temporaryDirectory() + "/m-{val_acc}.json")
        #expect(errorMessage { try model.fit(x: Tiny.x, y: Tiny.y, callbacks: [checkpoint]) }.contains("no value for '{val_acc}'"))
    }
}
