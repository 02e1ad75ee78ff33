import Foundation

/// Lines of a file read in fixed-size chunks, so a large text file is parsed without ever being
/// held whole; each line is handed out as raw bytes (no String), without its `\n` or `\r\n`.
final class LineReader {
    /// A line longer than this is not one a data file of ours can hold.
    static let defaultCapacity = 1 << 20
    private let fd: Int32
    private let memory: [UInt8]?
    private var memoryOffset = 0
    private let file: String
    private var buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var start = 0, end = 0, atEOF = false
    /// 1-based number of the line last handed out.
    private(set) var lineNumber = 0

    /// Opens `path`; `file` names it in errors.
    init(path: String, capacity: Int = LineReader.defaultCapacity) throws {
        file = path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw DatasetError(file: path, "no such file") }
        guard !isDir.boolValue else { throw DatasetError(file: path, "is a directory; expected a CSV file") }
        // Devices and pipes have no end to count rows up to (/dev/zero) or cannot be read twice.
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw DatasetError(file: path, "is not a regular file; expected a CSV file")
        }
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DatasetError(file: path, "cannot be read (\(String(cString: strerror(errno))))") }
        memory = nil
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    /// Reads `bytes` as if they were a file named `file` (tests, fuzzing).
    init(bytes: [UInt8], file: String, capacity: Int = LineReader.defaultCapacity) {
        self.file = file
        fd = -1
        memory = bytes
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        if fd >= 0 { close(fd) }
    }

    /// Calls `body` with the next line and returns its result, or returns nil at the end of the file.
    func next<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        while true {
            let searched = start
            if let nl = memchr(buffer + searched, 0x0A, end - searched) {
                let lineEnd = buffer.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                defer { start = lineEnd + 1 }
                return try hand(start, lineEnd, body)
            }
            if atEOF {
                guard start < end else { return nil }
                defer { start = end }
                return try hand(start, end, body)
            }
            try refill()
        }
    }

    private func hand<T>(_ from: Int, _ to: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        lineNumber += 1
        var stop = to
        if stop > from, buffer[stop - 1] == 0x0D { stop -= 1 }
        return try body(UnsafeBufferPointer(start: buffer + from, count: stop - from))
    }

    /// Moves the unfinished line to the front and reads more after it.
    private func refill() throws {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        guard end < capacity else {
            throw DatasetError(file: "\(file):\(lineNumber + 1)", "line is longer than \(capacity) bytes; expected a CSV row")
        }
        var got: Int
        if let memory {
            got = min(capacity - end, memory.count - memoryOffset)
            if got > 0 {
                memory.withUnsafeBufferPointer { src in (buffer + end).update(from: src.baseAddress! + memoryOffset, count: got) }
            }
            memoryOffset += got
        } else {
            repeat { got = read(fd, buffer + end, capacity - end) } while got < 0 && errno == EINTR
            guard got >= 0 else { throw DatasetError(file: file, "cannot be read (\(String(cString: strerror(errno))))") }
        }
        if got == 0 { atEOF = true }
        end += got
    }
}
