import Foundation

/// Standard output, unbuffered (so command output interleaves correctly with the training progress
/// lines) and checked: a full disk or a closed pipe becomes an `OutputError`, never a trap or a
/// silent exit 0. `FileHandle.write` raises on EPIPE and `print` ignores errors, so neither is used.
enum Console {
    static func print(_ text: String = "") throws {
        try write(text + "\n")
    }

    static func write(_ text: String) throws {
        if standardOutputClosed { throw OutputError(errno: EBADF) }
        let bytes = Array(RawArguments.display(text).utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputError(errno: errno)
            }
            offset += n
        }
    }

    /// A line on standard error. If that fails too there is nowhere left to say so; the exit
    /// status still tells (FileHandle would trap on EPIPE here).
    static func error(_ line: String) {
        let bytes = Array((RawArguments.display(line) + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    nonisolated(unsafe) private static var standardOutputClosed = false

    /// A process started with descriptor 0, 1 or 2 closed would hand that number to the next file
    /// it opens (an event descriptor of Dispatch, an output file), and output meant for the
    /// terminal would land there. Each closed one is pointed at /dev/null before anything opens a
    /// file; a closed standard output is remembered, so writing to it still fails as it should.
    /// Called first thing by the entry point, before any other thread exists.
    static func reserveStandardDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0, null != fd { dup2(null, fd); close(null) }
            if fd == STDOUT_FILENO { standardOutputClosed = true }
        }
    }

    /// Whether standard output is a terminal, where a progress bar may redraw in place.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Standard output could not be written; the message is the one the user sees.
struct OutputError: Error, CustomStringConvertible, Equatable {
    let errno: Int32
    var description: String { "cannot write to standard output: \(String(cString: strerror(errno)))" }
}
