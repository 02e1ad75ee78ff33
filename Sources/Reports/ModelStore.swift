import Foundation
import Layers

/// Model files on disk: written whole or not at all, read with errors that name the file.
public enum ModelStore {
    public static func save(_ model: Sequential, to path: String) throws {
        try AtomicFile.write(model.serialized(), to: path)
    }

    public static func load(from path: String) throws -> Sequential {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such model file")")
        }
        return try Sequential.deserialize(data, source: path)
    }
}
