import Activations
import Foundation
import Tensors

/// A model saved as a self-describing JSON document: the architecture in Keras names and
/// activation-registry ids, and every weight as little-endian Float32 in base64.
public struct ModelFile: Codable, Sendable {
    public static let formatName = "activationlab-model"
    public static let currentVersion = 1

    /// One activation: its registry id (or expression) and parameters, rebuilt through `Activation.named`.
    public struct ActivationRecord: Codable, Sendable {
        public var id: String
        public var parameters: [String: Double]
    }

    /// One trainable tensor.
    public struct WeightRecord: Codable, Sendable {
        public var name: String
        public var shape: [Int]
        public var data: String
    }

    /// One layer: its type, its construction arguments, its weights.
    public struct LayerRecord: Codable, Sendable {
        public var type: String
        public var name: String
        public var units: Int?
        public var pieces: Int?
        public var initialValue: Float?
        public var activation: ActivationRecord?
        public var inputShape: [Int]?
        public var weights: [WeightRecord]
    }

    public var format: String
    public var version: Int
    public var name: String
    public var seed: UInt64
    public var layers: [LayerRecord]
}

extension Sequential {
    /// The model as a `ModelFile` JSON document (built first if needed).
    public func serialized() throws -> Data {
        try build()
        let records = try layers.map { layer -> ModelFile.LayerRecord in
            var r = ModelFile.LayerRecord(type: layer.typeName, name: layer.name, inputShape: layer.declaredInputShape,
                                          weights: layer.parameters.map(Self.record))
            switch layer {
            case let d as Dense: r.units = d.units; r.activation = Self.record(d.activation)
            case let m as Maxout: r.units = m.units; r.pieces = m.pieces
            case let p as PReLU: r.initialValue = p.initialAlpha
            case let s as Swish: r.initialValue = s.initialBeta
            case let a as ActivationLayer: r.activation = Self.record(a.activation)
            default: throw LayerError.invalidData("layer '\(layer.name)': \(layer.typeName) layers cannot be saved yet")
            }
            return r
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(ModelFile(format: ModelFile.formatName, version: ModelFile.currentVersion,
                                            name: name, seed: seed, layers: records))
    }

    /// Rebuilds a model from `serialized()` output; `source` names the file in error messages.
    public static func deserialize(_ data: Data, source: String) throws -> Sequential {
        func fail(_ message: String) -> LayerError { .invalidData("\(source): \(message)") }
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            throw fail("not a readable model file (\(Self.describe(error))); expected JSON written by save")
        }
        guard file.format == ModelFile.formatName else { throw fail("format is '\(file.format)'; expected '\(ModelFile.formatName)'") }
        guard file.version == ModelFile.currentVersion else {
            throw fail("format version \(file.version); this build reads version \(ModelFile.currentVersion)")
        }
        let model = Sequential(name: file.name, seed: file.seed)
        for r in file.layers {
            func need<T>(_ value: T?, _ what: String) throws -> T {
                guard let value else { throw fail("layer '\(r.name)' (\(r.type)) has no \(what)") }
                return value
            }
            func activation() throws -> any ActivationFunction {
                let a = try need(r.activation, "activation")
                do { return try Activation.named(a.id, parameters: a.parameters) } catch {
                    throw fail("layer '\(r.name)': \(error)")
                }
            }
            let layer: any Layer
            switch r.type {
            case "Dense": layer = Dense(try need(r.units, "units"), activation: try activation(), inputShape: r.inputShape, name: r.name)
            case "Maxout":
                let (units, pieces) = (try need(r.units, "units"), try need(r.pieces, "pieces"))
                // Maxout(pieces:) treats a bad count as a programming error; from a file it is bad data.
                do { _ = try MaxoutActivation(parameters: ["pieces": Double(pieces)]) } catch { throw fail("layer '\(r.name)': \(error)") }
                guard units > 0, !units.multipliedReportingOverflow(by: pieces).overflow else {
                    throw fail("layer '\(r.name)' has \(units) units of \(pieces) pieces; expected a positive count that fits")
                }
                layer = Maxout(units, pieces: pieces, inputShape: r.inputShape, name: r.name)
            case "PReLU": layer = PReLU(alpha: try need(r.initialValue, "initial alpha"), name: r.name)
            case "Swish": layer = Swish(beta: try need(r.initialValue, "initial beta"), name: r.name)
            case "Activation", "RReLU": layer = ActivationLayer(try activation(), name: r.name)
            default: throw fail("layer '\(r.name)' has unknown type '\(r.type)'; expected Dense, Maxout, PReLU, Swish or Activation")
            }
            model.add(layer)
        }
        do { try model.build() } catch { throw fail("\(error)") }
        guard model.layers.count == file.layers.count else { throw fail("layer count changed while rebuilding") }
        for (layer, r) in zip(model.layers, file.layers) {
            let params = layer.parameters
            guard params.count == r.weights.count else {
                throw fail("layer '\(r.name)' has \(r.weights.count) weight tensors; expected \(params.count)")
            }
            for (p, w) in zip(params, r.weights) {
                guard w.shape == p.value.shape else {
                    throw fail("layer '\(r.name)' weight '\(w.name)' has shape \(w.shape); expected \(p.value.shape)")
                }
                guard let bytes = Data(base64Encoded: w.data), bytes.count == p.value.count * 4 else {
                    throw fail("layer '\(r.name)' weight '\(w.name)' does not hold \(p.value.count) float32 values")
                }
                bytes.withUnsafeBytes { raw in
                    for i in 0..<p.value.count {
                        p.value[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                    }
                }
                if let bad = (0..<p.value.count).first(where: { !p.value[$0].isFinite }) {
                    let v = p.value[bad]
                    throw fail("layer '\(r.name)' weight '\(w.name)' holds \(v.isNaN ? "NaN" : "\(v)") at index \(bad); expected finite numbers")
                }
            }
        }
        return model
    }

    private static func record(_ p: Parameter) -> ModelFile.WeightRecord {
        var bytes = Data(capacity: p.value.count * 4)
        for i in 0..<p.value.count { withUnsafeBytes(of: p.value[i].bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return .init(name: p.name, shape: p.value.shape, data: bytes.base64EncodedString())
    }

    private static func record(_ a: any ActivationFunction) -> ModelFile.ActivationRecord {
        .init(id: a.id, parameters: a.parameters)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        case DecodingError.keyNotFound(let k, _): return "missing '\(k.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}
