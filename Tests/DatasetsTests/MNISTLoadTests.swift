import Foundation
import Testing
@testable import Datasets

/// MNIST.load on small hand-made folders: 6 training and 4 test images of 2 x 3 pixels, labels
/// covering the ten digits between them.
@Suite struct MNISTLoadTests {
    static let trainPixels: [UInt8] = (0..<36).map { UInt8($0 * 7) }
    static let trainLabels: [UInt8] = [5, 0, 4, 1, 9, 2]
    static let testPixels: [UInt8] = (0..<24).map { UInt8(255 - $0) }
    static let testLabels: [UInt8] = [7, 3, 6, 8]

    /// Writes the four files; `gzip` compresses them, `prefix` is "t10k" or "test", `sums` adds a SHA256SUMS.
    static func makeFolder(gzip: Bool = true, prefix: String = "t10k", sums: Bool = true,
                           testLabels: [UInt8] = testLabels) throws -> String {
        let dir = try TestFiles.makeDirectory()
        let files = [
            ("train-images-idx3-ubyte", TestFiles.idx(dimensions: [6, 2, 3], data: trainPixels)),
            ("train-labels-idx1-ubyte", TestFiles.idx(dimensions: [6], data: trainLabels)),
            ("\(prefix)-images-idx3-ubyte", TestFiles.idx(dimensions: [4, 2, 3], data: testPixels)),
            ("\(prefix)-labels-idx1-ubyte", TestFiles.idx(dimensions: [testLabels.count], data: testLabels)),
        ]
        var list = ""
        for (name, bytes) in files {
            let stored = gzip ? try TestFiles.gzip(bytes) : bytes
            let fileName = gzip ? name + ".gz" : name
            try TestFiles.write(stored, to: dir + "/" + fileName)
            list += "\(SHA256.hex(stored))  \(fileName)\n"
        }
        if sums { try TestFiles.write(Array(list.utf8), to: dir + "/SHA256SUMS") }
        return dir
    }

    func loadError(_ dir: String) -> DatasetError? {
        do { _ = try MNIST.load(directory: dir); return nil } catch { return error as? DatasetError }
    }

    @Test func loadsAndScalesPixels() throws {
        let dir = try Self.makeFolder()
        defer { TestFiles.remove(dir) }
        let m = try MNIST.load(directory: dir)
        #expect(m.trainImages.shape == [6, 6])
        #expect(m.testImages.shape == [4, 6])
        #expect(m.trainLabels == [5, 0, 4, 1, 9, 2])
        #expect(m.testLabels == [7, 3, 6, 8])
        #expect(m.imageShape == [2, 3])
        #expect(m.classCount == 10)
        #expect(abs(m.trainImages[1, 0] - Float(42) / 255) <= 1e-7)
        #expect(m.testImages[0, 0] == 1)
        #expect(m.testImages.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func limitsKeepTheFirstRows() throws {
        let dir = try Self.makeFolder()
        defer { TestFiles.remove(dir) }
        let m = try MNIST.load(directory: dir, limitTrain: 2, limitTest: 100)
        #expect(m.trainImages.shape == [2, 6])
        #expect(m.trainLabels == [5, 0])
        #expect(zip(m.trainImages.scalars, Self.trainPixels.prefix(12)).allSatisfy { abs($0 - Float($1) / 255) <= 1e-7 })
        #expect(m.testLabels.count == 4)
    }

    @Test(arguments: [(false, "t10k", false), (true, "test", true), (false, "test", false), (true, "t10k", false)])
    func rawFilesOtherNamesAndNoChecksums(_ gzip: Bool, _ prefix: String, _ sums: Bool) throws {
        let dir = try Self.makeFolder(gzip: gzip, prefix: prefix, sums: sums)
        defer { TestFiles.remove(dir) }
        let m = try MNIST.load(directory: dir)
        #expect(m.testLabels == [7, 3, 6, 8])
        #expect(m.trainImages.count == 36)
    }

    @Test func missingDirectoryAndFiles() throws {
        #expect(loadError("/nonexistent/mnist")?.message.contains("no such directory") == true)
        let dir = try Self.makeFolder(sums: false)
        defer { TestFiles.remove(dir) }
        try FileManager.default.removeItem(atPath: dir + "/t10k-labels-idx1-ubyte.gz")
        let error = loadError(dir)
        #expect(error?.file == dir)
        #expect(error?.message.contains("no test labels file") == true, "\(String(describing: error))")
    }

    @Test func imageAndLabelCountsMustMatch() throws {
        let dir = try Self.makeFolder(testLabels: [7, 2, 1])
        defer { TestFiles.remove(dir) }
        let error = loadError(dir)
        #expect(error?.file == dir + "/t10k-labels-idx1-ubyte.gz")
        #expect(error?.message.contains("holds 3 labels but t10k-images-idx3-ubyte.gz holds 4 images") == true,
                "\(String(describing: error))")
    }

    @Test func checksumMismatchNamesTheFile() throws {
        let dir = try Self.makeFolder()
        defer { TestFiles.remove(dir) }
        let sums = try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8)
        let wrong = sums.split(separator: "\n").map { line in
            line.hasSuffix("train-labels-idx1-ubyte.gz") ? String(repeating: "1", count: 64) + "  train-labels-idx1-ubyte.gz" : String(line)
        }.joined(separator: "\n")
        try TestFiles.write(Array(wrong.utf8), to: dir + "/SHA256SUMS")
        let error = loadError(dir)
        #expect(error?.file == dir + "/train-labels-idx1-ubyte.gz")
        #expect(error?.message.contains("checksum mismatch") == true)
        #expect(error?.message.contains(String(repeating: "1", count: 64)) == true)
    }

    @Test func imagesMustBeThreeDimensional() throws {
        let dir = try Self.makeFolder(gzip: false, sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [6, 6], data: Self.trainPixels), to: dir + "/train-images-idx3-ubyte")
        let error = loadError(dir)
        #expect(error?.file == dir + "/train-images-idx3-ubyte")
        #expect(error?.message.contains("expected [count, rows, columns]") == true)
    }

    @Test func trainAndTestImageSizesMustAgree() throws {
        let dir = try Self.makeFolder(gzip: false, sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [4, 3, 2], data: Self.testPixels), to: dir + "/t10k-images-idx3-ubyte")
        #expect(loadError(dir)?.message.contains("expected the same size") == true)
    }
}

/// The `shape:` option of MNIST.load.
@Suite struct MNISTShapeTests {
    @Test func channelsLastGivesImagesWithOneChannel() throws {
        let dir = try MNISTLoadTests.makeFolder()
        defer { TestFiles.remove(dir) }
        let flat = try MNIST.load(directory: dir)
        let nhwc = try MNIST.load(directory: dir, limitTrain: 5, shape: .channelsLast)
        #expect(nhwc.trainImages.shape == [5, 2, 3, 1])
        #expect(nhwc.testImages.shape == [4, 2, 3, 1])
        #expect(nhwc.trainImages.scalars == Array(flat.trainImages.scalars.prefix(30)))
        #expect(nhwc.testImages.scalars == flat.testImages.scalars)
        #expect(nhwc.imageShape == [2, 3])
    }
}
