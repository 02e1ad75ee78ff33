import Foundation

/// An array read from an IDX file (the MNIST format): unsigned-byte data with its dimensions.
public struct IDXFile: Equatable, Sendable {
    public let dimensions: [Int]
    public let bytes: [UInt8]

    public init(dimensions: [Int], bytes: [UInt8]) {
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// Reads `path`, gzip-compressed or raw; when `expectedSHA256` is given the file's bytes must match it.
    public static func read(path: String, expectedSHA256: String? = nil) throws -> IDXFile {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DatasetError(file: path, exists ? "cannot be read" : "no such file")
        }
        let raw = [UInt8](data)
        if let expected = expectedSHA256?.lowercased() {
            let actual = SHA256.hex(raw)
            guard actual == expected else {
                throw DatasetError(file: path, "checksum mismatch: SHA-256 is \(actual), SHA256SUMS expects \(expected)")
            }
        }
        let bytes = Gzip.isGzip(raw) ? try Gzip.decompress(raw, file: path) : raw
        return try parse(bytes, file: name == path ? path : path)
    }

    /// Parses IDX bytes: magic 00 00 08 n, n big-endian 32-bit sizes, then the data.
    public static func parse(_ bytes: [UInt8], file: String) throws -> IDXFile {
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
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DatasetError(file: file, "truncated: \(bytes.count) bytes, expected a \(headerSize)-byte header for \(rank) dimensions")
        }
        var dims = [Int]()
        for d in 0..<rank {
            let o = 4 + 4 * d
            dims.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        // Corrupt sizes can multiply past Int.max: treat an overflowing product as more than any file holds.
        let expected = dims.reduce(1) { p, d in
            let (product, overflow) = p.multipliedReportingOverflow(by: d)
            return overflow ? Int.max : product
        }
        let actual = bytes.count - headerSize
        guard actual >= expected else {
            throw DatasetError(file: file, "truncated: \(actual) data bytes, expected \(expected) for dimensions \(dims)")
        }
        guard actual == expected else {
            throw DatasetError(file: file, "\(actual - expected) unexpected bytes after the \(expected) data bytes for dimensions \(dims)")
        }
        return IDXFile(dimensions: dims, bytes: Array(bytes[headerSize...]))
    }
}

/// Reads a `sha256sum`-style list (`<hex>  <file name>` per line) into a name -> digest map.
public func readChecksums(path: String) throws -> [String: String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw DatasetError(file: path, "cannot be read as text")
    }
    var sums = [String: String]()
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let parts = trimmed.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
            throw DatasetError(file: "\(path):\(i + 1)", "expected '<64 hex digits>  <file name>'")
        }
        let name = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "*"))
        sums[name] = String(parts[0]).lowercased()
    }
    return sums
}
