import Foundation
import Tensors

/// Named tensors in the safetensors format (Hugging Face's, read by PyTorch, JAX and Keras
/// tooling): an 8-byte little-endian header length, a JSON header giving each tensor's dtype,
/// shape and byte range (`data_offsets`) plus an optional `__metadata__` string map, then the raw
/// little-endian data. Reads F32, F16, BF16 and F64 into Float; writes F32.
public struct Safetensors {
    /// In the order their data lies in the file.
    public var tensors: [(name: String, value: Tensor)]
    public var metadata: [String: String]

    /// The largest header the reference implementation accepts.
    public static let maxHeaderBytes = 100_000_000

    public init(tensors: [(name: String, value: Tensor)] = [], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.value }

    /// Reads and checks a whole file; errors name `path`.
    public static func read(path: String) throws -> Safetensors {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw SafetensorsError(file: path, "no such file") }
        guard !isDir.boolValue else { throw SafetensorsError(file: path, "is a directory; expected a safetensors file") }
        // A device such as /dev/zero reports size 0 and never ends.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw SafetensorsError(file: path, "is not a regular file; expected a safetensors file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try MemoryBudget.check(elements: size, bytesPerElement: 1, for: path)
        guard let data = FileManager.default.contents(atPath: path) else { throw SafetensorsError(file: path, "cannot be read") }
        return try data.withUnsafeBytes { try parse($0, file: path) }
    }

    /// Parses the bytes of a safetensors file; `file` names it in errors.
    public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws -> Safetensors {
        let header = try SafetensorsHeader(bytes, file: file)
        let data = bytes.baseAddress.map { $0 + header.dataStart }
        var tensors = [(name: String, value: Tensor)]()
        for entry in header.entries {
            let tensor = Tensor(zeros: entry.shape)
            if let data, entry.elements > 0 {
                entry.dtype.decode(data + entry.offsets.lowerBound, count: entry.elements, into: tensor.pointer)
            }
            tensors.append((entry.name, tensor))
        }
        return Safetensors(tensors: tensors, metadata: header.metadata)
    }

    /// The file's bytes: every tensor as F32, in order, the header padded with spaces to a
    /// multiple of 8 bytes so the data that follows is aligned (as the reference writer does).
    public func encoded() throws -> Data {
        var seen = Set<String>()
        var entries = [String: JSONValue]()
        var offset = 0
        for (name, value) in tensors {
            guard name != "__metadata__", seen.insert(name).inserted else {
                throw SafetensorsError(file: name, "tensor name used twice or reserved; expected unique names other than __metadata__")
            }
            let bytes = value.count * 4
            entries[name] = .object(["dtype": .string("F32"), "shape": .array(value.shape.map { .int($0) }),
                                     "data_offsets": .array([.int(offset), .int(offset + bytes)])])
            offset += bytes
        }
        if !metadata.isEmpty { entries["__metadata__"] = .object(metadata.mapValues { .string($0) }) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var header = try encoder.encode(JSONValue.object(entries))
        header.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8))
        var out = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(header)
        for (_, value) in tensors {
            let start = out.count
            out.count += value.count * 4
            out.withUnsafeMutableBytes { raw in
                for i in 0..<value.count { raw.storeBytes(of: value[i].bitPattern.littleEndian, toByteOffset: start + 4 * i, as: UInt32.self) }
            }
        }
        return out
    }

    /// Writes `path` whole or not at all.
    public func write(to path: String) throws {
        try AtomicFile.write(try encoded(), to: path)
    }
}
