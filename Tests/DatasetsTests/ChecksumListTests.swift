import Testing
@testable import Datasets

@Suite struct ChecksumListTests {
    static let digestA = String(repeating: "ab", count: 32)
    static let digestB = String(repeating: "0F", count: 32)

    @Test func readsSha256sumOutput() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        let text = "# comment\n\n\(Self.digestA)  train.gz\n\(Self.digestB) *binary-mode.gz\n"
        try TestFiles.write(Array(text.utf8), to: dir + "/SHA256SUMS")
        let sums = try readChecksums(path: dir + "/SHA256SUMS")
        #expect(sums == ["train.gz": Self.digestA, "binary-mode.gz": Self.digestB.lowercased()])
    }

    @Test func malformedLineIsReportedWithFileAndLine() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        let path = dir + "/SHA256SUMS"
        try TestFiles.write(Array("\(Self.digestA)  a.gz\n\nnot-a-digest  b.gz\n".utf8), to: path)
        #expect(throws: DatasetError(file: path + ":3", "expected '<64 hex digits>  <file name>'")) {
            try readChecksums(path: path)
        }
        try TestFiles.write(Array("\(Self.digestA)\n".utf8), to: path)
        #expect(throws: DatasetError(file: path + ":1", "expected '<64 hex digits>  <file name>'")) {
            try readChecksums(path: path)
        }
        #expect(throws: DatasetError.self) { try readChecksums(path: dir + "/missing") }
    }
}
