import Foundation

/// Writes files whole or not at all: data goes to a temporary file that is renamed into place,
/// so an interrupted run never leaves a half-written result.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: temp)
                throw FileWriteError("\(path): cannot move the finished file into place (\(String(cString: strerror(errno))))")
            }
        } catch let e as FileWriteError {
            throw e
        } catch {
            throw FileWriteError("\(path): cannot write (\(error.localizedDescription))")
        }
    }
}

/// A file that could not be written, naming it and why.
public struct FileWriteError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
