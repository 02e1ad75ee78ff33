import Foundation
import Testing
@testable import Reports

@Suite struct RunFolderTests {
    let parent = NSTemporaryDirectory() + "actlab-runfolder-" + UUID().uuidString

    func names(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    /// Nothing is visible at the destination until commit, and then every file at once.
    @Test func aRunAppearsWhole() throws {
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let path = parent + "/run"
        let folder = try RunFolder(claiming: path)
        try Data("a".utf8).write(to: URL(fileURLWithPath: folder.file("a.json")))
        try Data("b".utf8).write(to: URL(fileURLWithPath: folder.file("b.md")))
        #expect(!FileManager.default.fileExists(atPath: path))
        try folder.commit()
        #expect(names(path) == ["a.json", "b.md"])
        #expect(names(parent) == ["run"], "no staging folder or lock stays")
    }

    @Test func aDiscardedRunLeavesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: parent) }
        do {
            let folder = try RunFolder(claiming: parent + "/run")
            try Data("a".utf8).write(to: URL(fileURLWithPath: folder.file("a.json")))
        }
        #expect(names(parent).isEmpty)
    }

    /// A second claim while the first is held is refused; so is a folder with files, unless replacing.
    @Test func claimsAreExclusive() throws {
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let path = parent + "/run"
        let first = try RunFolder(claiming: path)
        #expect(message { _ = try RunFolder(claiming: path) }.contains("another actlab run is writing this folder"))
        try Data("1".utf8).write(to: URL(fileURLWithPath: first.file("results.json")))
        try first.commit()
        #expect(message { _ = try RunFolder(claiming: path) } == "\(path): already holds 1 file; choose another --out or pass --force to replace it")
        let second = try RunFolder(claiming: path, replace: true)
        try Data("2".utf8).write(to: URL(fileURLWithPath: second.file("two.txt")))
        #expect(names(path) == ["results.json"], "the old run stays until the new one is complete")
        try second.commit()
        #expect(names(path) == ["two.txt"])
        #expect(names(parent) == ["run"])
        // two.txt is no finished run: not even replace touches it.
        #expect(message { _ = try RunFolder(claiming: path, replace: true) }.contains("no results.json, so it is not a finished run"))
    }

    @Test func unusablePathsAreNamed() throws {
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: parent + "/file"))
        #expect(message { _ = try RunFolder(claiming: "") } == "the output folder path is empty")
        #expect(message { _ = try RunFolder(claiming: parent + "/file") } == "\(parent)/file: exists and is not a folder")
        #expect(message { _ = try RunFolder(claiming: "/") }.contains("not usable as an output folder"))
        #expect(message { _ = try RunFolder(claiming: ".", replace: true) }.contains("not usable as an output folder"))
        #expect(message { _ = try RunFolder(claiming: parent + "/..", replace: true) }.contains("not usable as an output folder"))
        #expect(message { _ = try RunFolder(claiming: parent + "/file/run") }.contains("cannot create its parent folder"))
    }

    /// A killed run's staging folder is cleared by the next run that claims the same place.
    @Test func leftoversOfAKilledRunAreCleared() throws {
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let dead = parent + "/.run.partial-999999"
        try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: dead + "/.results.json.tmp-999999"))
        let folder = try RunFolder(claiming: parent + "/run")
        #expect(!FileManager.default.fileExists(atPath: dead))
        try folder.commit()
        #expect(names(parent) == ["run"])
    }
}
