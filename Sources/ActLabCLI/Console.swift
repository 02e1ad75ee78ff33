import Foundation

/// Unbuffered standard output, so command output interleaves correctly with the training
/// progress lines (which are written unbuffered too) when stdout is a file or a pipe.
enum Console {
    static func print(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
