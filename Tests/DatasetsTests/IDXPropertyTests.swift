import Testing
import Tensors
@testable import Datasets

/// Random valid IDX files parse back exactly; every damaged one throws DatasetError and never traps.
@Suite struct IDXPropertyTests {
    static func randomFile(_ rng: inout RandomGenerator) -> (dimensions: [Int], data: [UInt8], bytes: [UInt8]) {
        let rank = Int(rng.next() % 4) + 1
        let dims = (0..<rank).map { _ in Int(rng.next() % 7) }
        let data = (0..<dims.reduce(1, *)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        return (dims, data, TestFiles.idx(dimensions: dims, data: data))
    }

    @Test func randomValidFilesRoundTrip() throws {
        var rng = RandomGenerator(seed: 1)
        for _ in 0..<300 {
            let f = Self.randomFile(&rng)
            #expect(try IDXFile.parse(f.bytes, file: "r") == IDXFile(dimensions: f.dimensions, bytes: f.data))
        }
    }

    @Test func everyTruncationThrows() {
        var rng = RandomGenerator(seed: 2)
        for _ in 0..<60 {
            let f = Self.randomFile(&rng)
            for cut in 0..<f.bytes.count {
                #expect(throws: DatasetError.self) { try IDXFile.parse(Array(f.bytes.prefix(cut)), file: "r") }
            }
        }
    }

    @Test func appendedBytesThrow() {
        var rng = RandomGenerator(seed: 3)
        for _ in 0..<100 {
            let f = Self.randomFile(&rng)
            let extra = (0..<(Int(rng.next() % 5) + 1)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(throws: DatasetError.self) { try IDXFile.parse(f.bytes + extra, file: "r") }
        }
    }

    /// Random header bytes (sizes included) either parse consistently or throw DatasetError.
    @Test func randomHeadersNeverTrap() {
        var rng = RandomGenerator(seed: 4)
        for _ in 0..<2000 {
            var f = Self.randomFile(&rng).bytes
            let headerEnd = 4 + 4 * Int(f[3])
            for _ in 0..<3 { f[Int(rng.next() % UInt64(headerEnd))] = UInt8(truncatingIfNeeded: rng.next()) }
            do {
                let parsed = try IDXFile.parse(f, file: "r")
                // Sizes like [2^31, 2^31, 0] describe an empty array, so multiply only when none is zero.
                let empty = parsed.dimensions.contains(0)
                #expect(parsed.bytes.count == (empty ? 0 : parsed.dimensions.reduce(1, *)))
            } catch {
                #expect(error is DatasetError)
            }
        }
    }
}
