#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Tensors

/// Plain POSIX file access by byte path: what kind of thing a path is, a whole regular file
/// read within the memory budget, and a folder's names exactly as stored.
public enum RawFile {
    public enum Kind: Equatable, Sendable {
        case missing, directory, other
        case regular(size: Int)
    }

    /// What `path` is, following symbolic links.
    public static func kind(_ path: DataPath) -> Kind {
        guard !path.bytes.contains(0) else { return .missing }
        var info = stat()
        let status = withCString(path) { stat($0, &info) }
        guard status == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular(size: Int(info.st_size))
        default: return .other
        }
    }

    /// The bytes of the regular file at `path`; its size is checked against `MemoryBudget` first,
    /// so a device or pipe named like a data file is refused rather than read forever.
    public static func contents(of path: DataPath) throws -> [UInt8] {
        let name = path.description
        guard !path.bytes.contains(0) else { throw DatasetError(file: name, "path contains a NUL byte") }
        let fd = withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else {
            let code = errno
            throw DatasetError(file: name, code == ENOENT ? "no such file" : "cannot be read (\(String(cString: strerror(code))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DatasetError(file: name, "cannot be read (\(String(cString: strerror(errno))))") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let what = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "a device, pipe or socket"
            throw DatasetError(file: name, "is \(what); expected a regular file")
        }
        let size = Int(info.st_size)
        do {
            try MemoryBudget.check(elements: size, bytesPerElement: 1, for: "the file")
        } catch let error as SizeError {
            throw DatasetError(file: name, error.description)
        }
        // Read no more than the size stat reported: a file still growing cannot grow the buffer.
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw DatasetError(file: name, "cannot be read (\(String(cString: strerror(errno))))") }
            if n == 0 { break }
            done += n
        }
        guard done == size else { throw DatasetError(file: name, "shrank while being read: \(done) of \(size) bytes") }
        return bytes
    }

    /// The names in the folder at `path` (without `.` and `..`), as the bytes the system stores.
    public static func names(in path: DataPath) throws -> [[UInt8]] {
        guard !path.bytes.contains(0), let dir = withCString(path, { opendir($0) }) else {
            throw DatasetError(file: path.description, "cannot list the folder (\(String(cString: strerror(errno))))")
        }
        defer { closedir(dir) }
        var names = [[UInt8]]()
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        return names
    }

    private static func withCString<R>(_ path: DataPath, _ body: (UnsafePointer<CChar>) -> R) -> R {
        (path.bytes + [0]).withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
