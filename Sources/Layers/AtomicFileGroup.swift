import Foundation

/// A file being written by `AtomicFile.writeTogether`: appends go through a buffer into its
/// temporary, which is moved into place only when every file of the group is complete.
public final class FileSink {
    public let path: String
    let temporary: String
    private var fd: Int32
    private var buffer = [UInt8]()
    private static let flushAt = 1 << 20

    init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw FileWriteError("\(path): cannot create its folder (\(error.localizedDescription))")
        }
        temporary = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileWriteError("\(path): cannot write (\(String(cString: strerror(errno))))") }
        buffer.reserveCapacity(Self.flushAt)
    }

    deinit { finish() }

    func finish() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > Self.flushAt { try flush() }
        if bytes.count >= Self.flushAt { try writeAll(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    public func write(_ data: Data) throws { try data.withUnsafeBytes { try write($0) } }

    func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw FileWriteError("\(path): cannot write (\(String(cString: strerror(errno))))") }
            done += n
        }
    }
}

extension AtomicFile {
    /// Writes several files that belong together (a model's architecture and its weights, a
    /// data set's train.csv and test.csv): each goes to a temporary beside it, and only when all
    /// are complete are they moved into place, one rename after another. A failure or an
    /// interruption while writing leaves every destination as it was.
    public static func writeTogether(_ files: [(path: String, write: (FileSink) throws -> Void)]) throws {
        var sinks = [FileSink]()
        defer { for s in sinks { unlink(s.temporary) } }
        for file in files {
            let sink = try FileSink(path: file.path)
            sinks.append(sink)
            try file.write(sink)
            try sink.flush()
            sink.finish()
        }
        var moved = [String]()
        for sink in sinks {
            guard rename(sink.temporary, sink.path) == 0 else {
                let reason = String(cString: strerror(errno))
                let done = moved.isEmpty ? "" : "; already replaced: \(moved.joined(separator: ", "))"
                throw FileWriteError("\(sink.path): cannot move the finished file into place (\(reason))\(done)")
            }
            moved.append(sink.path)
        }
    }
}
