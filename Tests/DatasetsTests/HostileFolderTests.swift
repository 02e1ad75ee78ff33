import Foundation
import Testing
@testable import Datasets

/// Folders a careless or hostile user might hand to MNIST.load: each must fail with one line
/// naming the file and what was expected, never train on something silently wrong.
@Suite struct HostileFolderTests {
    typealias Folder = MNISTLoadTests

    func loadError(_ dir: String, limitTrain: Int? = nil) -> DatasetError? {
        do { _ = try MNIST.load(directory: dir, limitTrain: limitTrain); return nil } catch { return error as? DatasetError }
    }

    @Test func zeroTrainingOrTestImages() throws {
        for (prefix, labels) in [("train", "train-labels-idx1-ubyte"), ("t10k", "t10k-labels-idx1-ubyte")] {
            let dir = try Folder.makeFolder(gzip: false, sums: false)
            defer { TestFiles.remove(dir) }
            try TestFiles.write(TestFiles.idx(dimensions: [0, 2, 3], data: []), to: "\(dir)/\(prefix)-images-idx3-ubyte")
            try TestFiles.write(TestFiles.idx(dimensions: [0], data: []), to: "\(dir)/\(labels)")
            let error = loadError(dir)
            #expect(error == DatasetError(file: "\(dir)/\(prefix)-images-idx3-ubyte", "holds 0 images; expected at least one"))
        }
    }

    @Test func zeroLimitLeavesNoImages() throws {
        let dir = try Folder.makeFolder()
        defer { TestFiles.remove(dir) }
        #expect(loadError(dir, limitTrain: 0) == DatasetError(file: dir, "train limit 0 leaves no images; expected a count >= 1"))
    }

    @Test func emptyImagesAreRefused() throws {
        let dir = try Folder.makeFolder(gzip: false, sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [6, 0, 3], data: []), to: dir + "/train-images-idx3-ubyte")
        #expect(loadError(dir)?.message == "holds images of 0 x 3 pixels; expected at least 1 x 1")
    }

    /// One 255 among the digits would otherwise make a 256-class problem.
    @Test func strayLabelIsNamedWithItsIndex() throws {
        let dir = try Folder.makeFolder(gzip: false, sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [6], data: [5, 0, 4, 255, 9, 2]), to: dir + "/train-labels-idx1-ubyte")
        let error = loadError(dir)
        #expect(error?.file == dir + "/train-labels-idx1-ubyte")
        #expect(error?.message == "label 255 at index 3 implies 256 classes, but 246 of them have no example (1, 10, 11, 12, 13, ...); "
            + "expected labels 0..<k with every class present")
    }

    @Test func missingClassInTheTestLabels() throws {
        let dir = try Folder.makeFolder(gzip: false, sums: false, testLabels: [7, 3, 6, 11])
        defer { TestFiles.remove(dir) }
        let error = loadError(dir)
        #expect(error?.file == dir + "/t10k-labels-idx1-ubyte")
        #expect(error?.message.hasPrefix("label 11 at index 3 implies 12 classes, but 2 of them have no example (8, 10);") == true,
                "\(String(describing: error))")
    }

    @Test func oneClassIsNotAProblem() throws {
        let dir = try Folder.makeFolder(gzip: false, sums: false, testLabels: [0, 0, 0, 0])
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [6], data: [0, 0, 0, 0, 0, 0]), to: dir + "/train-labels-idx1-ubyte")
        #expect(loadError(dir) == DatasetError(file: dir + "/train-labels-idx1-ubyte", "every label is 0; expected labels 0..<k for k >= 2 classes"))
    }

    /// A stray copy matching the same role is not silently preferred to the real file.
    @Test(arguments: ["old-train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"])
    func twoFilesForOneRoleAreAmbiguous(_ stray: String) throws {
        let dir = try Folder.makeFolder(sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.gzip(TestFiles.idx(dimensions: [1, 2, 3], data: [UInt8](repeating: 9, count: 6))), to: "\(dir)/\(stray)")
        let both = [stray, "train-images-idx3-ubyte.gz"].sorted().joined(separator: ", ")
        #expect(loadError(dir) == DatasetError(file: dir, "2 files match the train images (\(both)); expected exactly one, so remove or rename the others"))
    }

    @Test func testAndT10kBothPresentAreAmbiguous() throws {
        let dir = try Folder.makeFolder(gzip: false, sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [4], data: Folder.testLabels), to: dir + "/test-labels-idx1-ubyte")
        #expect(loadError(dir)?.message.hasPrefix("2 files match the test labels (t10k-labels-idx1-ubyte, test-labels-idx1-ubyte)") == true)
    }

    /// A SHA256SUMS written on Windows is still applied: a wrong digest is caught.
    @Test func crlfChecksumsAreApplied() throws {
        let dir = try Folder.makeFolder()
        defer { TestFiles.remove(dir) }
        let sums = try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8)
        let crlf = sums.replacingOccurrences(of: "\n", with: "\r\n")
        try TestFiles.write(Array(crlf.utf8), to: dir + "/SHA256SUMS")
        #expect(try MNIST.load(directory: dir).classCount == 10)
        let wrong = crlf.replacingOccurrences(of: String(crlf.prefix(64)), with: String(repeating: "0", count: 64))
        try TestFiles.write(Array(wrong.utf8), to: dir + "/SHA256SUMS")
        let error = loadError(dir)
        #expect(error?.message.contains("checksum mismatch") == true, "\(String(describing: error))")
    }

    @Test func listedFileThatIsAbsent() throws {
        let dir = try Folder.makeFolder()
        defer { TestFiles.remove(dir) }
        let line = "\(String(repeating: "a", count: 64))  extra-file.gz\n"
        let sums = try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8) + line
        try TestFiles.write(Array(sums.utf8), to: dir + "/SHA256SUMS")
        #expect(loadError(dir) == DatasetError(file: dir + "/SHA256SUMS:5", "names extra-file.gz, which is not in the folder; expected every listed file to exist"))
    }

    @Test func dataFileMissingFromTheList() throws {
        let dir = try Folder.makeFolder()
        defer { TestFiles.remove(dir) }
        let sums = try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8)
        let kept = sums.split(separator: "\n").filter { !$0.hasSuffix("t10k-images-idx3-ubyte.gz") }.joined(separator: "\n")
        try TestFiles.write(Array(kept.utf8), to: dir + "/SHA256SUMS")
        #expect(loadError(dir) == DatasetError(file: dir + "/SHA256SUMS", "has no line for t10k-images-idx3-ubyte.gz; expected a digest for every data file"))
    }

    /// A folder whose name is not UTF-8 opens when its path travels as bytes, and messages show the stray byte.
    @Test func folderWithANonUTF8Name() throws {
        let dir = try Folder.makeFolder()
        let odd = try { () throws -> [UInt8] in
            let target = Array(dir.utf8) + [0xFF, 0x41]
            try TestFiles.rename(Array(dir.utf8), to: target)
            return target
        }()
        defer {
            try? TestFiles.rename(odd, to: Array(dir.utf8))
            TestFiles.remove(dir)
        }
        let m = try MNIST.load(directory: DataPath(bytes: odd))
        #expect(m.trainLabels == [5, 0, 4, 1, 9, 2])
        #expect(m.classCount == 10)
        // The same name as a String has lost its byte: reported missing, as before, by its display name.
        let error = loadError(String(decoding: odd, as: UTF8.self))
        #expect(error?.message.contains("no such directory") == true)
        #expect(DataPath(bytes: odd).description == dir + "\\xFFA")
        // What the command line hands over: the decoded text, matched back to argv's raw bytes.
        let typed = String(decoding: odd, as: UTF8.self)
        #expect(typed.contains("\u{FFFD}"))
        for argv in [[Array("actlab".utf8), Array("--data".utf8), odd], [Array("actlab".utf8), Array("--data=".utf8) + odd]] {
            let path = try #require(DataPath.matching(typed, in: argv))
            #expect(try MNIST.load(directory: path).testLabels == [7, 3, 6, 8])
        }
        #expect(DataPath.matching(typed, in: [Array("actlab".utf8), Array("other".utf8)]) == nil)
    }

    @Test func strayNonUTF8NameIsListedEscaped() throws {
        let dir = try Folder.makeFolder(sums: false)
        defer { TestFiles.remove(dir) }
        try TestFiles.write(TestFiles.idx(dimensions: [6], data: Folder.trainLabels), to: dir + "/x-train-labels-idx1-ubyte")
        try TestFiles.rename(Array((dir + "/x-train-labels-idx1-ubyte").utf8), to: Array((dir + "/").utf8) + [0xFE, 0x0A] + Array("train-labels-idx1-ubyte".utf8))
        defer { try? TestFiles.rename(Array((dir + "/").utf8) + [0xFE, 0x0A] + Array("train-labels-idx1-ubyte".utf8), to: Array((dir + "/x").utf8)) }
        #expect(loadError(dir)?.message.hasPrefix("2 files match the train labels (train-labels-idx1-ubyte.gz, \\xFE\\x0Atrain-labels-idx1-ubyte)") == true,
                "\(String(describing: loadError(dir)))")
    }
}
