import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// Models saved as architecture JSON plus safetensors weights: exact round trips, the files any
/// safetensors tool can read, and a one-line error for each way the pair can disagree.
@Suite struct ModelArchitectureTests {
    init() { LayerRegistry.register(ShiftLayer.self) }

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "actlab-arch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func loadError(_ path: String) -> String? {
        do { _ = try Sequential.load(from: path); return nil } catch { return "\(error)" }
    }

    @Test func roundTripKeepsEveryWeightAndPrediction() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (model, x) = try ModelFileTests.trainedModel()
        try model.save(to: dir + "/probe.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["probe.json", "probe.safetensors"])
        let loaded = try Sequential.load(from: dir + "/probe.json")
        #expect(try loaded.summary() == model.summary())
        #expect(loaded.weights.map(\.scalars) == model.weights.map(\.scalars))
        #expect(try loaded.predict(x).scalars == model.predict(x).scalars)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/probe.json"))) as! [String: Any]
        #expect(json["version"] as? Int == 3)
        #expect(json["weights_file"] as? String == "probe.safetensors")
        #expect((json["layers"] as? [[String: Any]])?.allSatisfy { $0["weights"] == nil } == true)
        let weights = try Safetensors.read(path: dir + "/probe.safetensors")
        #expect(weights["dense/kernel"]?.shape == [5, 12])
        #expect(weights["dense/kernel"]?.scalars == model.layers[0].parameters[0].value.scalars)
        #expect(weights.tensors.count == model.weights.count)
        #expect(weights.metadata["format"] == "activationlab-model")
    }

    @Test func layerStateTravelsInTheWeightsFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = Sequential(name: "s", seed: 3) {
            ShiftLayer(offset: 0.5, inputShape: [4], name: "shift")
            Dense(2, activation: .tanh)
        }
        try model.build()
        model.layers[0].state[0].value.fill(0.75)
        try model.save(to: dir + "/s")
        #expect(FileManager.default.fileExists(atPath: dir + "/s.safetensors"))
        let loaded = try Sequential.load(from: dir + "/s")
        #expect(loaded.layers[0].state[0].value.scalars == [0.75, 0.75, 0.75, 0.75])
        #expect(try Safetensors.read(path: dir + "/s.safetensors")["shift/offset"] != nil)
    }

    @Test func singleFileModelsStillLoad() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (model, x) = try ModelFileTests.trainedModel()
        try AtomicFile.write(model.serialized(), to: dir + "/v2.json")
        #expect(try Sequential.load(from: dir + "/v2.json").predict(x).scalars == model.predict(x).scalars)
        #expect(Self.loadError(dir + "/none.json") == "\(dir)/none.json: no such model file")
    }

    /// Saves a small model, lets `edit` change its weights file, and returns the load error.
    static func damagedWeights(_ edit: (inout Safetensors) -> Void) throws -> String? {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = Sequential(name: "d", seed: 1) { Dense(3, activation: .relu, inputShape: [2]); Dense(1) }
        try model.save(to: dir + "/m.json")
        var weights = try Safetensors.read(path: dir + "/m.safetensors")
        edit(&weights)
        try weights.write(to: dir + "/m.safetensors")
        return loadError(dir + "/m.json")?.replacingOccurrences(of: dir + "/", with: "")
    }

    @Test func weightsThatDisagreeWithTheArchitectureAreNamed() throws {
        #expect(try Self.damagedWeights { $0.tensors.removeAll { $0.name == "dense_1/bias" } }
                == "m.json: layer 'dense_1' weight 'bias' is missing from m.safetensors (expected tensor 'dense_1/bias')")
        #expect(try Self.damagedWeights { $0.tensors.append(("dense_2/kernel", Tensor(zeros: [1]))) }
                == "m.json: m.safetensors holds tensor 'dense_2/kernel', which no layer has; expected the tensors of this architecture only")
        #expect(try Self.damagedWeights { w in w.tensors[0].value = Tensor(zeros: [3, 2]) }
                == "m.json: layer 'dense' weight 'kernel' has shape [3, 2] in m.safetensors; expected [2, 3]")
        #expect(try Self.damagedWeights { w in w.tensors[1].value[0] = .nan }
                == "m.json: layer 'dense' weight 'bias' holds NaN at index 0; expected finite numbers")
    }

    @Test func aMissingOrEscapingWeightsFileIsNamed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = Sequential(name: "d", seed: 1) { Dense(1, inputShape: [2]) }
        try model.save(to: dir + "/m.json")
        try FileManager.default.removeItem(atPath: dir + "/m.safetensors")
        #expect(Self.loadError(dir + "/m.json") == "\(dir)/m.json: its weights: \(dir)/m.safetensors: no such file")
        var json = try String(contentsOfFile: dir + "/m.json", encoding: .utf8)
        json = json.replacingOccurrences(of: "\"m.safetensors\"", with: "\"..\\/etc\\/w.safetensors\"")
        try json.write(toFile: dir + "/m.json", atomically: true, encoding: .utf8)
        #expect(Self.loadError(dir + "/m.json") == "\(dir)/m.json: weights_file '../etc/w.safetensors' should be the name of a file beside the model file")
    }

    @Test func refusesToWriteWhatCouldNotBeRead() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = Sequential(name: "d", seed: 1) { Dense(2, inputShape: [2]) }
        #expect(throws: FileWriteError.self) { try model.save(to: dir + "/m.safetensors") }
        try model.build()
        model.layers[0].parameters[0].value[3] = .infinity
        let e = #expect(throws: LayerError.self) { try model.save(to: dir + "/m.json") }
        #expect(e?.description == "layer 'dense' weight 'kernel' holds inf at index 3; expected finite numbers; a model file holds finite numbers only")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// A failure while writing the second file of a group leaves both destinations as they were
    /// and no temporary files behind.
    @Test func filesWrittenTogetherAppearTogetherOrNotAtAll() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("old a", to: dir + "/a.txt")
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try AtomicFile.writeTogether([
                (dir + "/a.txt", { try $0.write(Data("new a".utf8)) }),
                (dir + "/b.txt", { sink in try sink.write(Data(repeating: 1, count: 3 << 20)); throw Interrupted() }),
            ])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.txt"])
        #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "old a")
        try AtomicFile.writeTogether([
            (dir + "/a.txt", { try $0.write(Data("new a".utf8)) }),
            (dir + "/sub/b.txt", { sink in for _ in 0..<3 { try sink.write(Data(repeating: 2, count: 700_000)) } }),
        ])
        #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "new a")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/sub/b.txt")) == Data(repeating: 2, count: 2_100_000))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.txt", "sub"])
    }
}
