import Foundation
@testable import Sweeps

/// Sweep files written to a temporary folder for a test, and their checks in one place.
enum SweepFiles {
    static func parse(_ text: String, path: String = "s.json") throws -> SweepFile {
        try SweepFile.parse(Data(text.utf8), path: path)
    }

    /// The message the file's error shows, or nil when it parses and plans.
    static func failure(_ text: String, path: String = "s.json") -> String? {
        do { _ = try SweepPlan(parse(text, path: path)); return nil } catch { return "\(error)" }
    }

    static func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "actlab-sweep-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
