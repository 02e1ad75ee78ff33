import Foundation

/// The run folder a command writes: `--out`, or `runs/<timestamp>`; an empty `--out` is a
/// mistake, not the root folder.
enum OutputPath {
    static func runFolder(_ out: String?) throws -> String {
        guard let out else { return "runs/" + timestamp() }
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError("--out must name a folder, got an empty path")
        }
        return out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
    }

    private static func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
