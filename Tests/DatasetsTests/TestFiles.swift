import Foundation

/// Temporary folders and helpers shared by the dataset tests.
enum TestFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh empty folder, removed by the caller with `remove`.
    static func makeDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "actlab-datasets-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// gzip-compresses `bytes` with the system's `gzip` tool, an implementation independent of ours.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let dir = try makeDirectory()
        defer { remove(dir) }
        let path = dir + "/data"
        try write(bytes, to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", "-9", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + ".gz")))
    }

    /// IDX bytes: 00 00 08 rank, big-endian 32-bit sizes, then the data.
    static func idx(dimensions: [Int], data: [UInt8], type: UInt8 = 0x08) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF)] }
        return bytes + data
    }
}

extension TestFiles {
    /// rename(2) between raw byte paths, which Foundation's String paths cannot express when a
    /// name is not UTF-8.
    static func rename(_ from: [UInt8], to: [UInt8]) throws {
        let status = (from + [0]).withUnsafeBufferPointer { f in
            (to + [0]).withUnsafeBufferPointer { t in
                f.withMemoryRebound(to: CChar.self) { f in t.withMemoryRebound(to: CChar.self) { t in Foundation.rename(f.baseAddress!, t.baseAddress!) } }
            }
        }
        guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
