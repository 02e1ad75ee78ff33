import CZlib

/// Decompresses gzip data in memory with zlib, reporting truncation and corruption by file name.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    public static func decompress(_ input: [UInt8], file: String) throws -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS asks zlib for the gzip wrapper.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError(file: file, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { inp in
            stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
            stream.avail_in = uInt(inp.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_DATA_ERROR || status == Z_NEED_DICT || status == Z_MEM_ERROR {
                    let reason = stream.msg.map { String(cString: $0) } ?? "invalid data"
                    throw DatasetError(file: file, "corrupt gzip data (\(reason))")
                }
                if status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && produced == 0) {
                    throw DatasetError(file: file, "truncated gzip stream: ended after \(output.count) decompressed bytes")
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
