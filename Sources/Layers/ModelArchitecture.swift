import Foundation
import Tensors

/// Format version 3 of a model file: the architecture alone (per layer its registered type, name
/// and configuration) as JSON, naming the safetensors file beside it that holds every weight and
/// state tensor as `layer/tensor` (`dense/kernel`, `dense/bias`), readable by any safetensors tool.
public struct ModelArchitecture: Codable, Sendable {
    public static let version = 3

    /// One layer, without its tensors.
    public struct LayerRecord: Codable, Sendable {
        public var type: String
        public var name: String
        public var config: JSONValue
    }

    public var format: String
    public var version: Int
    public var name: String
    public var seed: UInt64
    /// A file name in the model file's folder.
    public var weightsFile: String
    public var layers: [LayerRecord]

    enum CodingKeys: String, CodingKey { case format, version, name, seed, weightsFile = "weights_file", layers }

    /// The safetensors file that goes with a model file: `runs/cnn.json` -> `runs/cnn.safetensors`.
    public static func weightsPath(for path: String) -> String {
        (path as NSString).deletingPathExtension + ".safetensors"
    }

    /// The key a tensor has in the safetensors file.
    static func key(layer: String, tensor: String) -> String { "\(layer)/\(tensor)" }
}

extension Sequential {
    /// Saves the model in two files written together (neither is moved into place until both
    /// are complete): `path`, the architecture as JSON (format version 3), and beside it
    /// `ModelArchitecture.weightsPath(for: path)`, every weight and state tensor as F32
    /// safetensors. Throws, naming the layer and tensor, rather than write a non-finite number.
    public func save(to path: String) throws {
        let weightsPath = ModelArchitecture.weightsPath(for: path)
        guard URL(fileURLWithPath: path).standardized.path != URL(fileURLWithPath: weightsPath).standardized.path else {
            throw FileWriteError("\(path): a model file cannot be named .safetensors; that name is for its weights (use .json)")
        }
        try build()
        var tensors = [(name: String, value: Tensor)]()
        var records = [ModelArchitecture.LayerRecord]()
        for layer in layers {
            guard let registered = layer as? any RegisteredLayer else {
                throw LayerError.invalidData("layer '\(layer.name)': \(layer.typeName) is not a registered layer type (RegisteredLayer), so it cannot be saved")
            }
            records.append(.init(type: type(of: registered).typeName, name: layer.name, config: try registered.encodedConfiguration()))
            for p in layer.parameters + layer.state {
                try Self.checkFinite(p.value, layer: layer.name, kind: p.isTrainable ? "weight" : "state tensor", name: p.name) {
                    .invalidData($0 + "; a model file holds finite numbers only")
                }
                let key = ModelArchitecture.key(layer: layer.name, tensor: p.name)
                guard !tensors.contains(where: { $0.name == key }) else {
                    throw LayerError.invalidData("layer '\(layer.name)' has two tensors named '\(p.name)'; a model file needs unique names")
                }
                tensors.append((key, p.value))
            }
        }
        let architecture = ModelArchitecture(format: ModelFile.formatName, version: ModelArchitecture.version, name: name, seed: seed,
                                             weightsFile: (weightsPath as NSString).lastPathComponent, layers: records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let json = try encoder.encode(architecture)
        let weights = try Safetensors(tensors: tensors, metadata: ["format": ModelFile.formatName, "model": name]).encoded()
        try AtomicFile.writeTogether([(weightsPath, { try $0.write(weights) }), (path, { try $0.write(json) })])
    }

    /// Loads a model saved by `save(to:)`, or a single-file model (format versions 1 and 2).
    public static func load(from path: String) throws -> Sequential {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayerError.invalidData("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such model file")")
        }
        return try deserialize(data, source: path)
    }

    /// Version 3: builds the layers, then fills every tensor from the safetensors file beside
    /// `source`, which must hold exactly the tensors the layers have, in their shapes.
    static func loadArchitecture(_ file: ModelArchitecture, source: String, fail: (String) -> LayerError) throws -> Sequential {
        guard !file.weightsFile.isEmpty, !file.weightsFile.contains("/"), file.weightsFile != "..", file.weightsFile != "." else {
            throw fail("weights_file '\(file.weightsFile)' should be the name of a file beside the model file")
        }
        let weightsPath = ((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file.weightsFile)
        let model = try assemble(name: file.name, seed: file.seed, layers: file.layers.map { ($0.type, $0.name, $0.config) }, fail: fail)
        let weights: Safetensors
        do { weights = try Safetensors.read(path: weightsPath) } catch {
            throw fail("its weights: \(error)")
        }
        var unused = Set(weights.tensors.map(\.name))
        for layer in model.layers {
            for p in layer.parameters + layer.state {
                let kind = p.isTrainable ? "weight" : "state tensor"
                let key = ModelArchitecture.key(layer: layer.name, tensor: p.name)
                guard let t = weights[key] else { throw fail("layer '\(layer.name)' \(kind) '\(p.name)' is missing from \(weightsPath) (expected tensor '\(key)')") }
                guard t.shape == p.value.shape else {
                    throw fail("layer '\(layer.name)' \(kind) '\(p.name)' has shape \(t.shape) in \(weightsPath); expected \(p.value.shape)")
                }
                p.value.pointer.update(from: t.pointer, count: t.count)
                try checkFinite(p.value, layer: layer.name, kind: kind, name: p.name, fail: fail)
                unused.remove(key)
            }
        }
        if let extra = unused.sorted().first {
            throw fail("\(weightsPath) holds tensor '\(extra)', which no layer has; expected the tensors of this architecture only")
        }
        return model
    }
}
