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

/// Splits "a,b,c" into trimmed, non-empty parts.
func commaList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
