import Layers
import Foundation

/// One `events.out.tfevents.<unix time>.<host>` file, opened for appending: the header event is
/// written on creation, each later event as one whole record, flushed to disk, so TensorBoard
/// can read the file while training runs and a crash loses at most the record being written.
public final class TensorBoardEventFile {
    public let path: String
    private let handle: FileHandle

    /// Creates the folder if needed and a new event file in it.
    public init(directory: String, now: Date = Date(), host: String = ProcessInfo.processInfo.hostName) throws {
        let seconds = Int(now.timeIntervalSince1970)
        // A host name is part of a file name: keep it to characters no file system objects to.
        let safeHost = String(host.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        var candidate = "\(directory)/events.out.tfevents.\(seconds).\(safeHost.isEmpty ? "localhost" : safeHost)"
        var k = 0
        while FileManager.default.fileExists(atPath: candidate) { k += 1; candidate = "\(directory)/events.out.tfevents.\(seconds).\(safeHost).\(k)" }
        path = candidate
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FileWriteError("\(directory): cannot create the TensorBoard log folder (\(error.localizedDescription))")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw FileWriteError("\(path): cannot create the TensorBoard event file")
        }
        handle = h
        try write(TensorBoardEvent(wallTime: now.timeIntervalSince1970, fileVersion: "brain.Event:2"))
    }

    deinit { try? handle.close() }

    public func write(_ event: TensorBoardEvent) throws {
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(TFRecord.frame(event.encoded)))
            try handle.synchronize()
        } catch {
            throw FileWriteError("\(path): cannot append to the TensorBoard event file (\(error.localizedDescription))")
        }
    }
}
