import Datasets
import Foundation

/// Finds the MNIST copy kept in the repository, from the working directory or from the source tree.
enum DataLocation {
    static var defaultMNIST: String {
        let candidates = [
            FileManager.default.currentDirectoryPath + "/data/mnist",
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("data/mnist").path,
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }
}

/// Splits "a,b,c" into trimmed, non-empty parts. Commas inside parentheses stay, so an expression
/// such as `max(x, 0)` is one part.
func commaList(_ text: String) -> [String] {
    var parts = [String](), current = "", depth = 0
    for ch in text {
        if ch == "," && depth == 0 { parts.append(current); current = ""; continue }
        if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) }
        current.append(ch)
    }
    parts.append(current)
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
