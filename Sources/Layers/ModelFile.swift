import Activations
import Foundation
import Tensors

/// A model saved as a self-describing JSON document: per layer its registered type, its
/// configuration (Keras `get_config`), its trainable weights and its state, every tensor as
/// little-endian Float32 in base64.
public struct ModelFile: Codable, Sendable {
    public static let formatName = "activationlab-model"
    public static let currentVersion = 2
    /// Version 1 held a flat record per layer; it still loads. Version 3 is the architecture
    /// alone, its tensors in a safetensors file beside it (`ModelArchitecture`, `save(to:)`).
    public static let readableVersions = [1, 2, 3]

    /// One tensor.
    public struct WeightRecord: Codable, Sendable {
        public var name: String
        public var shape: [Int]
        public var data: String
    }

    /// One layer: its registered type, name, configuration, weights and state.
    public struct LayerRecord: Codable, Sendable {
        public var type: String
        public var name: String
        public var config: JSONValue
        public var weights: [WeightRecord]
        public var state: [WeightRecord]
    }

    public var format: String
    public var version: Int
    public var name: String
    public var seed: UInt64
    public var layers: [LayerRecord]
}

extension Sequential {
    /// The model as a `ModelFile` JSON document (built first if needed). Throws, naming the
    /// layer and the weight, rather than write a non-finite number.
    public func serialized() throws -> Data {
        try build()
        let records = try layers.map { layer -> ModelFile.LayerRecord in
            guard let registered = layer as? any RegisteredLayer else {
                throw LayerError.invalidData("layer '\(layer.name)': \(layer.typeName) is not a registered layer type (RegisteredLayer), so it cannot be saved")
            }
            return ModelFile.LayerRecord(type: type(of: registered).typeName, name: layer.name,
                                         config: try registered.encodedConfiguration(),
                                         weights: try layer.parameters.map { try Self.record($0, layer: layer.name) },
                                         state: try layer.state.map { try Self.record($0, layer: layer.name) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(ModelFile(format: ModelFile.formatName, version: ModelFile.currentVersion,
                                            name: name, seed: seed, layers: records))
    }

    /// Rebuilds a model from `serialized()` output (this version or an earlier one); `source`
    /// names the file in error messages, which are one line each.
    public static func deserialize(_ data: Data, source: String) throws -> Sequential {
        func fail(_ message: String) -> LayerError {
            .invalidData("\(source): " + message.replacingOccurrences(of: "\n", with: " "))
        }
        struct Header: Decodable { var format: String; var version: Int }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw fail("not a readable model file (\(ModelFile.describe(error))); expected JSON written by save")
            }
        }
        let header = try decode(Header.self)
        guard header.format == ModelFile.formatName else { throw fail("format is '\(header.format)'; expected '\(ModelFile.formatName)'") }
        let file: ModelFile
        switch header.version {
        case ModelArchitecture.version: return try loadArchitecture(decode(ModelArchitecture.self), source: source, fail: fail)
        case 2: file = try decode(ModelFile.self)
        case 1: file = try decode(ModelFileVersion1.self).upgraded()
        default:
            throw fail("format version \(header.version); this build reads versions \(ModelFile.readableVersions.map(String.init).joined(separator: ", "))")
        }
        let model = try assemble(name: file.name, seed: file.seed, layers: file.layers.map { ($0.type, $0.name, $0.config) }, fail: fail)
        for (layer, r) in zip(model.layers, file.layers) {
            try load(r.weights, into: layer.parameters, layer: r.name, kind: "weight", fail: fail)
            try load(r.state, into: layer.state, layer: r.name, kind: "state tensor", fail: fail)
        }
        return model
    }

    /// Makes and builds the layers a model file lists, by their registered types.
    static func assemble(name: String, seed: UInt64, layers: [(type: String, name: String, config: JSONValue)],
                         fail: (String) -> LayerError) throws -> Sequential {
        let model = Sequential(name: name, seed: seed)
        for r in layers {
            guard let type = LayerRegistry.type(named: r.type) else {
                throw fail("layer '\(r.name)' has unknown type '\(r.type)'; known types: \(LayerRegistry.names.joined(separator: ", "))")
            }
            let layer: any Layer
            do { layer = try type.make(configuration: r.config, name: r.name) } catch let error as DecodingError {
                let misfit = ModelFile.misfitNumber(in: r.config, error: error) { try type.make(configuration: $0, name: r.name) }
                throw fail("layer '\(r.name)' (\(r.type)) config: \(misfit ?? ModelFile.describe(error))")
            } catch let error as ExpressionError {
                // The caret drawing is for terminals; a file's error stays on one line.
                throw fail("layer '\(r.name)' (\(r.type)): \(error.message)")
            } catch {
                throw fail("layer '\(r.name)' (\(r.type)): \(error)")
            }
            model.add(layer)
        }
        do { try model.build() } catch { throw fail("\(error)") }
        return model
    }

    private static func load(_ records: [ModelFile.WeightRecord], into tensors: [Parameter], layer: String, kind: String,
                             fail: (String) -> LayerError) throws {
        guard tensors.count == records.count else {
            throw fail("layer '\(layer)' has \(records.count) \(kind)s; expected \(tensors.count)")
        }
        for (p, w) in zip(tensors, records) {
            guard w.shape == p.value.shape else {
                throw fail("layer '\(layer)' \(kind) '\(w.name)' has shape \(w.shape); expected \(p.value.shape)")
            }
            guard let bytes = Data(base64Encoded: w.data), bytes.count == p.value.count * 4 else {
                throw fail("layer '\(layer)' \(kind) '\(w.name)' does not hold \(p.value.count) float32 values")
            }
            bytes.withUnsafeBytes { raw in
                for i in 0..<p.value.count {
                    p.value[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                }
            }
            try checkFinite(p.value, layer: layer, kind: kind, name: w.name, fail: fail)
        }
    }

    static func checkFinite(_ value: Tensor, layer: String, kind: String, name: String, fail: (String) -> LayerError) throws {
        if let bad = (0..<value.count).first(where: { !value[$0].isFinite }) {
            let v = value[bad]
            throw fail("layer '\(layer)' \(kind) '\(name)' holds \(v.isNaN ? "NaN" : "\(v)") at index \(bad); expected finite numbers")
        }
    }

    private static func record(_ p: Parameter, layer: String) throws -> ModelFile.WeightRecord {
        let v = p.value
        if let bad = (0..<v.count).first(where: { !v[$0].isFinite }) {
            throw LayerError.invalidData("layer '\(layer)' weight '\(p.name)' holds \(v[bad].isNaN ? "NaN" : "\(v[bad])") at index \(bad); a model file holds finite numbers only")
        }
        var bytes = Data(capacity: v.count * 4)
        for i in 0..<v.count { withUnsafeBytes(of: v[i].bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return .init(name: p.name, shape: v.shape, data: bytes.base64EncodedString())
    }
}

extension ModelFile {
    /// Foundation reports a number that does not fit its field (1.5 or 1e20 for an `Int`) as
    /// invalid JSON with no path; this finds the field by trying each number as 1 in turn.
    static func misfitNumber(in config: JSONValue, error: DecodingError, make: (JSONValue) throws -> Any) -> String? {
        guard case let .dataCorrupted(context) = error, context.codingPath.isEmpty, case let .object(fields) = config else { return nil }
        for key in fields.keys.sorted() {
            switch fields[key] {
            case .number?, .unsigned?, .int?: break
            default: continue
            }
            var probe = fields
            probe[key] = .int(1)
            do { _ = try make(.object(probe)) } catch DecodingError.dataCorrupted(let c) where c.codingPath.isEmpty { continue } catch {}
            let value = fields[key].map { v -> String in
                switch v {
                case let .number(d): return "\(d)"
                case let .unsigned(u): return "\(u)"
                case let .int(i): return "\(i)"
                default: return "a number"
                }
            } ?? "a number"
            return "'\(key)' holds \(value), which does not fit its field (a fraction where a whole number belongs, or out of range)"
        }
        return nil
    }

    /// A decoding error as "expected an integer at 'layers[0].units'".
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            guard !keys.isEmpty else { return "the top level" }
            var out = ""
            for k in keys {
                if let i = k.intValue, k.stringValue.hasPrefix("Index") || k.stringValue == "\(i)" { out += "[\(i)]" }
                else { out += (out.isEmpty ? "" : ".") + k.stringValue }
            }
            return "'\(out)'"
        }
        func kind(_ type: Any.Type) -> String {
            let t = String(describing: type)
            if t.hasPrefix("Dictionary") || t.hasPrefix("Header") || t.hasPrefix("ModelFile") || t.hasPrefix("Configuration") { return "an object" }
            if t.hasPrefix("Array") { return "a list" }
            if t.hasPrefix("String") { return "a string" }
            if t.hasPrefix("Int") || t.hasPrefix("UInt") { return "an integer" }
            if t == "Double" || t == "Float" { return "a number" }
            if t == "Bool" { return "true or false" }
            return t
        }
        switch error {
        case DecodingError.dataCorrupted(let c):
            let at = c.codingPath.isEmpty ? "" : " at \(path(c.codingPath))"
            return c.debugDescription.trimmingCharacters(in: .punctuationCharacters) + at
        case DecodingError.keyNotFound(let k, let c):
            return "missing '\(k.stringValue)'" + (c.codingPath.isEmpty ? "" : " in \(path(c.codingPath))")
        case DecodingError.typeMismatch(let type, let c): return "expected \(kind(type)) at \(path(c.codingPath))"
        case DecodingError.valueNotFound(let type, let c): return "expected \(kind(type)) at \(path(c.codingPath)), found null"
        default: return "\(error)"
        }
    }
}
