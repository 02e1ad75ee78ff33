import Foundation
import Testing
@testable import Datasets

@Suite struct IDXFileTests {
    func parseError(_ bytes: [UInt8]) -> DatasetError? {
        do {
            _ = try IDXFile.parse(bytes, file: "x.idx")
            return nil
        } catch {
            return error as? DatasetError
        }
    }

    @Test func parsesValidFiles() throws {
        let labels = try IDXFile.parse(TestFiles.idx(dimensions: [3], data: [7, 0, 9]), file: "x.idx")
        #expect(labels == IDXFile(dimensions: [3], bytes: [7, 0, 9]))
        let images = try IDXFile.parse(TestFiles.idx(dimensions: [2, 2, 3], data: Array(0..<12)), file: "x.idx")
        #expect(images.dimensions == [2, 2, 3])
        #expect(images.bytes == Array(0..<12))
        // Sizes are big-endian: 0x0000_0102 = 258.
        let wide = try IDXFile.parse([0, 0, 8, 1, 0, 0, 1, 2] + [UInt8](repeating: 1, count: 258), file: "x.idx")
        #expect(wide.dimensions == [258])
        let empty = try IDXFile.parse(TestFiles.idx(dimensions: [0, 28, 28], data: []), file: "x.idx")
        #expect(empty.bytes.isEmpty)
    }

    @Test func wrongMagic() {
        let error = parseError([1, 0, 8, 1, 0, 0, 0, 0])
        #expect(error?.file == "x.idx")
        #expect(error?.message.contains("wrong magic number 01000801") == true, "\(String(describing: error))")
    }

    @Test func unsupportedType() {
        // 0x0D is the IDX code for 32-bit floats.
        let error = parseError(TestFiles.idx(dimensions: [1], data: [0, 0, 0, 0], type: 0x0D))
        #expect(error?.message.contains("0x0d is not supported") == true, "\(String(describing: error))")
    }

    @Test(arguments: [0, 5, 255])
    func badRank(_ rank: UInt8) {
        let error = parseError([0, 0, 8, rank] + [UInt8](repeating: 0, count: 4 * Int(rank)))
        #expect(error?.message.contains("declares \(rank) dimensions") == true, "\(String(describing: error))")
    }

    @Test func truncatedHeader() {
        #expect(parseError([0, 0, 8])?.message.contains("at least a 4-byte IDX header") == true)
        let error = parseError([0, 0, 8, 3, 0, 0, 0, 1, 0, 0])
        #expect(error?.message.contains("16-byte header for 3 dimensions") == true, "\(String(describing: error))")
    }

    @Test func truncatedData() {
        let error = parseError(TestFiles.idx(dimensions: [2, 3], data: [1, 2, 3, 4, 5]))
        #expect(error?.message == "truncated: 5 data bytes, expected 6 for dimensions [2, 3]")
    }

    @Test func trailingBytes() {
        let error = parseError(TestFiles.idx(dimensions: [2], data: [1, 2, 3]))
        #expect(error?.message.contains("1 unexpected bytes after the 2 data bytes") == true, "\(String(describing: error))")
    }

    /// Sizes whose product does not fit in an Int must be reported, not trap.
    @Test func hugeDeclaredSizes() {
        let error = parseError([0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12) + [1, 2, 3])
        #expect(error?.message.contains("truncated") == true, "\(String(describing: error))")
    }

    @Test func readReportsMissingFilesAndChecksums() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        #expect(throws: DatasetError(file: dir + "/none", "no such file")) { try IDXFile.read(path: dir + "/none") }
        let bytes = TestFiles.idx(dimensions: [2], data: [4, 5])
        try TestFiles.write(bytes, to: dir + "/raw-idx1-ubyte")
        #expect(try IDXFile.read(path: dir + "/raw-idx1-ubyte", expectedSHA256: SHA256.hex(bytes).uppercased()).bytes == [4, 5])
        #expect {
            try IDXFile.read(path: dir + "/raw-idx1-ubyte", expectedSHA256: String(repeating: "0", count: 64))
        } throws: { error in
            (error as? DatasetError)?.file == dir + "/raw-idx1-ubyte" && "\(error)".contains("checksum mismatch")
        }
        try TestFiles.write(TestFiles.gzip(bytes), to: dir + "/packed-idx1-ubyte.gz")
        #expect(try IDXFile.read(path: dir + "/packed-idx1-ubyte.gz").dimensions == [2])
    }
}
