import ArgumentParser
import Datasets
import Foundation
import Testing
@testable import ActLabCLI

/// Runs `actlab` commands in-process, capturing what they print and the error a user would see.
enum CommandRunner {
    /// Parses and runs `arguments`, returning everything written to standard output.
    static func run(_ arguments: [String]) throws -> String {
        var command = try ActLab.parseAsRoot(arguments)
        return try capturingStandardOutput { try command.run() }
    }

    /// The message ArgumentParser would print for a failing command line, or nil if it succeeds.
    static func failure(_ arguments: [String]) -> String? {
        do {
            var command = try ActLab.parseAsRoot(arguments)
            _ = try capturingStandardOutput { try command.run() }
            return nil
        } catch {
            return ActLab.message(for: error)
        }
    }

    /// Points file descriptor 1 at a temporary file while `body` runs.
    static func capturingStandardOutput(_ body: () throws -> Void) throws -> String {
        let path = NSTemporaryDirectory() + "actlab-stdout-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        fflush(nil)
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let saved = dup(STDOUT_FILENO)
        dup2(file, STDOUT_FILENO)
        close(file)
        defer {
            fflush(nil)
            dup2(saved, STDOUT_FILENO)
            close(saved)
        }
        try body()
        fflush(nil)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A folder of raw IDX files holding the first `train` and `test` MNIST digits of the repository's copy.
    static func mnistSubset(train: Int, test: Int) throws -> String {
        let source = repositoryRoot.appendingPathComponent("data/mnist").path
        let dir = NSTemporaryDirectory() + "actlab-mnist-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (prefix, count) in [("train", train), ("t10k", test)] {
            let images = try IDXFile.read(path: "\(source)/\(prefix)-images-idx3-ubyte.gz")
            let labels = try IDXFile.read(path: "\(source)/\(prefix)-labels-idx1-ubyte.gz")
            try idx([count, 28, 28], images.bytes.prefix(count * 784)).write(to: URL(fileURLWithPath: "\(dir)/\(prefix)-images-idx3-ubyte"))
            try idx([count], labels.bytes.prefix(count)).write(to: URL(fileURLWithPath: "\(dir)/\(prefix)-labels-idx1-ubyte"))
        }
        return dir
    }

    private static func idx(_ dimensions: [Int], _ data: ArraySlice<UInt8>) -> Data {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions { bytes += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
        return Data(bytes + data)
    }
}

/// Commands print to the process's standard output, which the tests redirect: every suite that
/// captures it is nested here so that they run one at a time.
@Suite(.serialized) struct CommandOutputTests {}
