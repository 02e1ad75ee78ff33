import Foundation
import Testing
@testable import Layers

@Suite struct AtomicFileTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "actlab-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesAndReplacesWithoutLeavingTemporaryFiles() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("first", to: dir + "/out.txt")
        try AtomicFile.write("second, longer", to: dir + "/out.txt")
        #expect(try String(contentsOfFile: dir + "/out.txt", encoding: .utf8) == "second, longer")
        try AtomicFile.write("deep", to: dir + "/a/b/c.txt")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a", "out.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/a/b") == ["c.txt"])
    }

    /// A path whose parent is a regular file cannot be written; the error names the path.
    @Test func pathUnderARegularFileFailsCleanly() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "keep".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        #expect {
            try AtomicFile.write("x", to: dir + "/file/results.md")
        } throws: { error in
            error is FileWriteError && "\(error)".hasPrefix(dir + "/file/results.md: cannot write")
        }
        #expect(try String(contentsOfFile: dir + "/file", encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"])
    }

    /// When the final rename fails (the target is a non-empty folder), the temporary file is removed.
    @Test func failedRenameRemovesTheTemporaryFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/taken/inside", withIntermediateDirectories: true)
        #expect {
            try AtomicFile.write("x", to: dir + "/taken")
        } throws: { error in
            "\(error)".contains("cannot move the finished file into place")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["taken"])
    }
}
