import CZlib

/// Decompresses gzip data in memory with zlib, reporting truncation and corruption by file name.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Inflates `input` (one gzip member or several concatenated, as `cat a.gz b.gz` makes).
    /// Output stops once it exceeds `limit` bytes: the result then holds `limit + 1` bytes, so a
    /// caller that expects `limit` learns the stream holds more without inflating all of it.
    public static func decompress(_ input: [UInt8], file: String, limit: Int = .max) throws -> [UInt8] {
        var stream = z_stream()
        // 16 + MAX_WBITS asks zlib for the gzip wrapper.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError(file: file, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        let cap = limit >= Int.max - 1 ? Int.max : Swift.max(limit, 0) + 1
        // Grown only by what the stream really yields, never reserved from a size someone claims.
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: Swift.min(1 << 20, cap))
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { inp in
            stream.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
            stream.avail_in = uInt(inp.count)
            while output.count < cap {
                let room = Swift.min(chunk.count, cap - output.count)
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(room)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return room - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_DATA_ERROR || status == Z_NEED_DICT || status == Z_MEM_ERROR || status == Z_STREAM_ERROR {
                    let reason = stream.msg.map { String(cString: $0) } ?? "invalid data"
                    throw DatasetError(file: file, "corrupt gzip data (\(reason))")
                }
                if status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && produced < room) {
                    throw DatasetError(file: file, "truncated gzip stream: ended after \(output.count) decompressed bytes")
                }
                guard status == Z_STREAM_END else { continue }
                let rest = Int(stream.avail_in)
                if rest == 0 { break }
                let next = inp.count - rest
                guard rest >= 2, inp[next] == 0x1F, inp[next + 1] == 0x8B else {
                    throw DatasetError(file: file, "\(rest) bytes after the end of the gzip stream; expected nothing or another gzip member")
                }
                guard inflateReset(&stream) == Z_OK else { throw DatasetError(file: file, "zlib could not restart inflating") }
            }
        }
        return output
    }
}
