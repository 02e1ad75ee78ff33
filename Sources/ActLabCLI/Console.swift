import Foundation

/// Unbuffered standard output, so command output interleaves correctly with the training
/// progress lines (which are written unbuffered too) when stdout is a file or a pipe.
enum Console {
    static func print(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `text` as is (progress lines carry their own "\r" and newlines).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Whether standard output is a terminal, where a progress bar may redraw in place.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
