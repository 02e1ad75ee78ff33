import Testing
import Tensors
@testable import Datasets

/// Our zlib wrapper against streams made by the system's gzip tool.
@Suite struct GzipTests {
    /// Compressible but not trivial: 3 MiB (several of the 1 MiB output chunks) of small random bytes.
    static let payload: [UInt8] = {
        var rng = RandomGenerator(seed: 1)
        return (0..<(3 << 20)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 16) }
    }()

    @Test func roundTripThroughTheGzipTool() throws {
        let compressed = try TestFiles.gzip(Self.payload)
        #expect(Gzip.isGzip(compressed))
        #expect(compressed.count < Self.payload.count)
        #expect(try Gzip.decompress(compressed, file: "payload.gz") == Self.payload)
    }

    @Test func emptyPayload() throws {
        #expect(try Gzip.decompress(TestFiles.gzip([]), file: "empty.gz").isEmpty)
    }

    @Test func isGzipLooksAtTheMagicNumber() {
        #expect(Gzip.isGzip([0x1F, 0x8B, 0x08]))
        #expect(!Gzip.isGzip([0x1F]))
        #expect(!Gzip.isGzip([0, 0, 8, 1]))
        #expect(!Gzip.isGzip([]))
    }

    @Test func everyTruncationThrowsNamingTheFile() throws {
        let compressed = try TestFiles.gzip(Array(Self.payload.prefix(20_000)))
        var rng = RandomGenerator(seed: 2)
        let cuts = [0, 1, 2, 9, 10, 11, compressed.count - 8, compressed.count - 1]
            + (0..<40).map { _ in Int(rng.next() % UInt64(compressed.count)) }
        for cut in cuts {
            do {
                _ = try Gzip.decompress(Array(compressed.prefix(cut)), file: "cut.gz")
                Issue.record("a stream cut to \(cut) of \(compressed.count) bytes decompressed")
            } catch let error as DatasetError {
                #expect(error.file == "cut.gz")
                #expect(error.message.contains("truncated") || error.message.contains("corrupt"), "\(error)")
            }
        }
    }

    @Test func corruptBodyOrChecksumThrows() throws {
        let compressed = try TestFiles.gzip(Array(Self.payload.prefix(20_000)))
        // Flip a byte in the middle of the deflate data, then one in the CRC-32 of the trailer.
        for position in [compressed.count / 2, compressed.count - 6] {
            var bad = compressed
            bad[position] ^= 0x5A
            #expect {
                _ = try Gzip.decompress(bad, file: "bad.gz")
            } throws: { error in
                (error as? DatasetError)?.file == "bad.gz" && "\(error)".contains("corrupt")
            }
        }
    }

    @Test func notGzipAtAll() {
        #expect(throws: DatasetError.self) { try Gzip.decompress(Array("plain text".utf8), file: "plain.gz") }
    }
}
