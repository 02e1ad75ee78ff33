import Foundation

/// The version-1 model file: one flat record per layer with every construction argument any
/// built-in type took. Read only, and turned into version-2 records on load.
struct ModelFileVersion1: Decodable {
    struct LayerRecord: Decodable {
        var type: String
        var name: String
        var units: Int?
        var pieces: Int?
        var initialValue: Float?
        var activation: ActivationRecord?
        var inputShape: [Int]?
        var weights: [ModelFile.WeightRecord]
    }

    var format: String
    var version: Int
    var name: String
    var seed: UInt64
    var layers: [LayerRecord]

    /// Version-2 records; each registered type renames the flat fields into its configuration.
    func upgraded() throws -> ModelFile {
        let records = try layers.map { r -> ModelFile.LayerRecord in
            var fields: [String: JSONValue] = [:]
            if let v = r.units { fields["units"] = .int(v) }
            if let v = r.pieces { fields["pieces"] = .int(v) }
            if let v = r.initialValue { fields["initial_value"] = try JSONValue(encoding: v) }
            if let v = r.activation { fields["activation"] = try JSONValue(encoding: v) }
            if let v = r.inputShape { fields["input_shape"] = try JSONValue(encoding: v) }
            let upgrade = LayerRegistry.type(named: r.type)?.upgradeVersion1 ?? { $0 }
            return ModelFile.LayerRecord(type: r.type, name: r.name, config: .object(upgrade(fields)), weights: r.weights, state: [])
        }
        return ModelFile(format: format, version: version, name: name, seed: seed, layers: records)
    }
}
