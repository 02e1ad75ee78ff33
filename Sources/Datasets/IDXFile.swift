import Foundation
import Tensors

/// An array read from an IDX file (the MNIST format): unsigned-byte data with its dimensions.
public struct IDXFile: Equatable, Sendable {
    public let dimensions: [Int]
    public let bytes: [UInt8]

    public init(dimensions: [Int], bytes: [UInt8]) {
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// The largest header: magic, then four 32-bit sizes.
    static let maximumHeaderSize = 4 + 4 * 4

    /// Reads `path`, gzip-compressed or raw; when `expectedSHA256` is given the file's bytes must match it.
    public static func read(path: String, expectedSHA256: String? = nil) throws -> IDXFile {
        try read(path: DataPath(path), expectedSHA256: expectedSHA256)
    }

    /// Reads `path`, gzip-compressed or raw. The header's sizes are checked against `MemoryBudget`
    /// at `bytesPerElement` (1 for the bytes alone; more when the caller will also convert them)
    /// before anything of that size is allocated, and a gzip stream is inflated no further than
    /// one byte past what the header declares.
    public static func read(path: DataPath, expectedSHA256: String? = nil, bytesPerElement: Int = 1) throws -> IDXFile {
        let file = path.description
        let raw = try RawFile.contents(of: path)
        if let expected = expectedSHA256?.lowercased() {
            let actual = SHA256.hex(raw)
            guard actual == expected else {
                throw DatasetError(file: file, "checksum mismatch: SHA-256 is \(actual), SHA256SUMS expects \(expected)")
            }
        }
        guard Gzip.isGzip(raw) else {
            // The bytes are all here already, so a short or long file is the clearer message.
            let parsed = try parse(raw, file: file)
            try Header(raw, file: file).checkBudget(bytesPerElement: bytesPerElement, file: file)
            return parsed
        }
        let header = try Header(try Gzip.decompress(raw, file: file, limit: maximumHeaderSize), file: file)
        try header.checkBudget(bytesPerElement: bytesPerElement, file: file)
        let bytes: [UInt8]
        do {
            bytes = try Gzip.decompress(raw, file: file, limit: header.size + header.elements)
        } catch let error as DatasetError {
            // Say what the header promised next to where the stream stopped.
            throw DatasetError(file: file, error.message + "; the header declares \(header.elements) data bytes for dimensions \(header.dimensions)")
        }
        guard bytes.count <= header.size + header.elements else {
            throw DatasetError(file: file, "holds more than the \(header.elements) data bytes its header declares for dimensions \(header.dimensions)")
        }
        return try parse(bytes, file: file)
    }

    /// Parses IDX bytes: magic 00 00 08 n, n big-endian 32-bit sizes, then the data.
    public static func parse(_ bytes: [UInt8], file: String) throws -> IDXFile {
        let header = try Header(bytes, file: file)
        let actual = bytes.count - header.size
        guard actual >= header.elements else {
            throw DatasetError(file: file, "truncated: \(actual) data bytes, expected \(header.elements) for dimensions \(header.dimensions)")
        }
        guard actual == header.elements else {
            throw DatasetError(file: file, "\(actual - header.elements) unexpected bytes after the \(header.elements) data bytes for dimensions \(header.dimensions)")
        }
        return IDXFile(dimensions: header.dimensions, bytes: Array(bytes[header.size...]))
    }

    /// The magic number and sizes at the start of an IDX file.
    struct Header {
        let dimensions: [Int]
        /// Bytes taken by the header itself.
        let size: Int
        /// Data bytes the sizes call for; Int.max when their product overflows.
        let elements: Int

        init(_ bytes: [UInt8], file: String) throws {
            guard bytes.count >= 4 else {
                throw DatasetError(file: file, "truncated: \(bytes.count) bytes, expected at least a 4-byte IDX header")
            }
            guard bytes[0] == 0, bytes[1] == 0 else {
                throw DatasetError(file: file, String(format: "wrong magic number %02x%02x%02x%02x; expected an IDX file starting 0000 08 0n",
                                                      bytes[0], bytes[1], bytes[2], bytes[3]))
            }
            guard bytes[2] == 0x08 else {
                throw DatasetError(file: file, String(format: "IDX data type 0x%02x is not supported; expected 0x08 (unsigned byte)", bytes[2]))
            }
            let rank = Int(bytes[3])
            guard (1...4).contains(rank) else {
                throw DatasetError(file: file, "IDX header declares \(rank) dimensions; expected 1 to 4")
            }
            size = 4 + 4 * rank
            guard bytes.count >= size else {
                throw DatasetError(file: file, "truncated: \(bytes.count) bytes, expected a \(size)-byte header for \(rank) dimensions")
            }
            dimensions = (0..<rank).map { d in
                let o = 4 + 4 * d
                return Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3])
            }
            // Corrupt sizes can multiply past Int.max: treat that as more than any file holds.
            elements = MemoryBudget.product(dimensions) ?? .max
        }

        func checkBudget(bytesPerElement: Int, file: String) throws {
            do {
                try MemoryBudget.check(elements: elements == .max ? -1 : elements, bytesPerElement: bytesPerElement,
                                       for: "header declares dimensions \(dimensions): the data")
            } catch let error as SizeError {
                throw DatasetError(file: file, error.description)
            }
        }
    }
}
