import Testing
@testable import Datasets

/// Every line of a SHA256SUMS is understood or rejected with its line number.
@Suite struct ChecksumFormatTests {
    static let a = String(repeating: "ab", count: 32)
    static let b = String(repeating: "0F", count: 32)

    func parse(_ text: String) throws -> [String: String] {
        let list = try ChecksumList.parse(Array(text.utf8), file: "SUMS")
        return Dictionary(uniqueKeysWithValues: list.entries.map { (String(decoding: $0.name, as: UTF8.self), $0.digest) })
    }

    func error(_ text: String) -> DatasetError? {
        do { _ = try ChecksumList.parse(Array(text.utf8), file: "SUMS"); return nil } catch { return error as? DatasetError }
    }

    @Test func windowsLineEndsBlankLinesAndByteOrderMark() throws {
        #expect(try parse("\u{FEFF}\(Self.a)  x.gz\r\n\r\n  \r\n\(Self.b) *y.gz\r\n") == ["x.gz": Self.a, "y.gz": Self.b.lowercased()])
    }

    @Test func spacingVariants() throws {
        #expect(try parse("\(Self.a) x\n\(Self.a)\t\ty\n\(Self.a)   z  \n\(Self.a)  ./w\n") == ["x": Self.a, "y": Self.a, "z": Self.a, "w": Self.a])
        #expect(try parse("\(Self.a)  name with spaces.gz\n") == ["name with spaces.gz": Self.a])
    }

    /// coreutils writes names holding a backslash or newline escaped, the line starting with `\`.
    @Test func escapedNames() throws {
        let list = try ChecksumList.parse(Array("\\\(Self.a)  a\\nb\\\\c\n".utf8), file: "SUMS")
        #expect(list.entries == [ChecksumList.Entry(name: Array("a\nb\\c".utf8), digest: Self.a, line: 1)])
        #expect(error("\\\(Self.a)  a\\q") == DatasetError(file: "SUMS:1", "unknown escape \\q in the name; expected \\\\, \\n or \\r"))
    }

    @Test(arguments: [
        "abc  x.gz", "\(String(repeating: "a", count: 63))  x", "\(String(repeating: "a", count: 65))  x",
        "\(String(repeating: "a", count: 64))", "\(String(repeating: "a", count: 64))x", "\(String(repeating: "a", count: 64))  *",
        "SHA256 (x.gz) = \(String(repeating: "a", count: 64))", "\(String(repeating: "g", count: 64))  x",
    ])
    func malformedLines(_ line: String) {
        #expect(error("\n" + line + "\r\n") == DatasetError(file: "SUMS:2", "expected '<64 hex digits>  <file name>'"))
    }

    @Test func duplicateNames() {
        #expect(error("\(Self.a)  x\n\(Self.b)  x\n") == DatasetError(file: "SUMS:2", "x is listed again (first on line 1); expected one line per file"))
    }

    @Test func readChecksumsStillMapsNames() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        try TestFiles.write(Array("\(Self.a)  t.gz\r\n".utf8), to: dir + "/SHA256SUMS")
        #expect(try readChecksums(path: dir + "/SHA256SUMS") == ["t.gz": Self.a])
    }
}
