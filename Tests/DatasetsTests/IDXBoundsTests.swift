import Foundation
import Testing
import Tensors
@testable import Datasets

/// What an IDX header claims is believed only once the data proves it, and never past the memory budget.
@Suite struct IDXBoundsTests {
    func readError(_ path: String) -> DatasetError? {
        do { _ = try IDXFile.read(path: path); return nil } catch { return error as? DatasetError }
    }

    /// A header claiming 2^48 bytes is refused from the header alone, before inflating anything.
    @Test func claimBeyondTheBudgetIsRefusedFirst() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        let header: [UInt8] = [0, 0, 8, 3, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0xFF]
        try TestFiles.write(TestFiles.gzip(header + [UInt8](repeating: 0, count: 1000)), to: dir + "/big-idx3-ubyte.gz")
        let error = readError(dir + "/big-idx3-ubyte.gz")
        #expect(error?.file == dir + "/big-idx3-ubyte.gz")
        #expect(error?.message.hasPrefix("header declares dimensions [16777215, 65535, 255]: the data needs ") == true, "\(String(describing: error))")
        #expect(error?.message.contains("this machine can hold at most") == true)
    }

    @Test func overflowingClaimIsRefused() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        let header: [UInt8] = [0, 0, 8, 4] + [UInt8](repeating: 0x7F, count: 16)
        try TestFiles.write(TestFiles.gzip(header), to: dir + "/x.gz")
        #expect(readError(dir + "/x.gz")?.message.contains("overflows a 64-bit count") == true)
    }

    /// Inflating stops one byte past the declared size: a short header over a long stream says so.
    @Test func gzipHoldingMoreThanDeclared() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.gzip(TestFiles.idx(dimensions: [2], data: [UInt8](repeating: 7, count: 3 << 20))), to: dir + "/long.gz")
        #expect(readError(dir + "/long.gz") == DatasetError(file: dir + "/long.gz", "holds more than the 2 data bytes its header declares for dimensions [2]"))
    }

    @Test func gzipHoldingLessThanDeclared() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.gzip(TestFiles.idx(dimensions: [5, 2], data: [1, 2, 3])), to: dir + "/short.gz")
        #expect(readError(dir + "/short.gz") == DatasetError(file: dir + "/short.gz", "truncated: 3 data bytes, expected 10 for dimensions [5, 2]"))
    }

    @Test func notARegularFile() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        #expect(readError(dir) == DatasetError(file: dir, "is a folder; expected a regular file"))
        #expect(readError("/dev/zero") == DatasetError(file: "/dev/zero", "is a device, pipe or socket; expected a regular file"))
    }

    @Test func gzipLimitStopsOneBytePast() throws {
        let payload = [UInt8](repeating: 3, count: 5 << 20)
        let packed = try TestFiles.gzip(payload)
        #expect(try Gzip.decompress(packed, file: "p", limit: 10) == [UInt8](repeating: 3, count: 11))
        #expect(try Gzip.decompress(packed, file: "p", limit: payload.count).count == payload.count)
        #expect(try Gzip.decompress(packed, file: "p", limit: 0).count == 1)
    }

    @Test func concatenatedMembersAndTrailingBytes() throws {
        let a = try TestFiles.gzip([1, 2, 3]), b = try TestFiles.gzip([4, 5])
        #expect(try Gzip.decompress(a + b, file: "ab") == [1, 2, 3, 4, 5])
        #expect(throws: DatasetError(file: "a", "3 bytes after the end of the gzip stream; expected nothing or another gzip member")) {
            try Gzip.decompress(a + [0, 0, 0], file: "a")
        }
    }
}

extension IDXBoundsTests {
    /// The review's case: a small gzip file whose header claims 5,000,000 images. Within the
    /// budget the claim is still not believed: inflation stops where the data does.
    @Test func claimOfFiveMillionImagesOverLittleData() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        let header: [UInt8] = [0, 0, 8, 3, 0, 0x4C, 0x4B, 0x40, 0, 0, 0, 28, 0, 0, 0, 28]
        try TestFiles.write(TestFiles.gzip(header + [UInt8](repeating: 0, count: 1000)), to: dir + "/claim.gz")
        let error = readError(dir + "/claim.gz")
        #expect(error?.file == dir + "/claim.gz")
        if 5_000_000 * 784 <= MemoryBudget.limitBytes {
            #expect(error?.message == "truncated: 1000 data bytes, expected 3920000000 for dimensions [5000000, 28, 28]")
        } else {
            #expect(error?.message.hasPrefix("header declares dimensions [5000000, 28, 28]: the data needs 3.7 GiB") == true, "\(String(describing: error))")
        }
    }
}

extension IDXBoundsTests {
    @Test func cutGzipStreamSaysWhatTheHeaderDeclared() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        var rng = RandomGenerator(seed: 5)
        let packed = try TestFiles.gzip(TestFiles.idx(dimensions: [100, 10, 10], data: (0..<10_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        try TestFiles.write(Array(packed.prefix(packed.count / 2)), to: dir + "/cut.gz")
        let error = readError(dir + "/cut.gz")
        #expect(error?.message.hasPrefix("truncated gzip stream: ended after ") == true, "\(String(describing: error))")
        #expect(error?.message.hasSuffix("; the header declares 10000 data bytes for dimensions [100, 10, 10]") == true)
    }
}
