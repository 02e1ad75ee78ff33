import Foundation
import Testing
import Tensors
@testable import Datasets

/// The Kaggle digit-recognizer CSV reader on hand-written files: values, layouts, and every
/// kind of bad input with the `file:line:column` it is reported at.
@Suite struct KaggleDigitsTests {
    static let trainHeader = KaggleDigits.header(labelled: true)
    static let testHeader = KaggleDigits.header(labelled: false)

    /// One CSV row: the label (if any), then 784 cells, all `fill` except those in `set`.
    static func row(label: String? = "3", fill: String = "0", set: [Int: String] = [:]) -> String {
        ((label.map { [$0] } ?? []) + (0..<784).map { set[$0] ?? fill }).joined(separator: ",")
    }

    static func parse(_ text: String, labelled: Bool = true, shape: ImageLayout = .flat) throws -> (images: Tensor, labels: [Int]) {
        try KaggleDigits.parse(Array(text.utf8), file: "train.csv", labelled: labelled, shape: shape)
    }

    static func error(_ text: String, labelled: Bool = true) -> DatasetError? {
        do { _ = try parse(text, labelled: labelled); return nil } catch { return error as? DatasetError }
    }

    @Test func parsesLabelsAndScalesPixels() throws {
        let text = [Self.trainHeader, Self.row(label: "3", set: [1: "255", 783: "128", 400: "007"]), Self.row(label: "9", fill: "7")]
            .joined(separator: "\n") + "\n"
        let (images, labels) = try Self.parse(text)
        #expect(labels == [3, 9])
        #expect(images.shape == [2, 784])
        #expect(images[0, 0] == 0)
        #expect(images[0, 1] == 1)
        #expect(abs(images[0, 783] - 128.0 / 255) <= 1e-7)
        #expect(abs(images[0, 400] - 7.0 / 255) <= 1e-7)
        #expect((0..<784).allSatisfy { abs(images[1, $0] - 7.0 / 255) <= 1e-7 })
    }

    @Test func channelsLastKeepsTheSameValuesInImageShape() throws {
        let text = [Self.trainHeader, Self.row(set: [29: "200"]), Self.row(fill: "1")].joined(separator: "\n")
        let flat = try Self.parse(text).images
        let nhwc = try Self.parse(text, shape: .channelsLast).images
        #expect(nhwc.shape == [2, 28, 28, 1])
        #expect(nhwc.scalars == flat.scalars)
        // pixel29 is row 1, column 1 of the first image.
        #expect(abs(nhwc[1 * 28 + 1] - 200.0 / 255) <= 1e-7)
    }

    @Test func testFilesHaveNoLabels() throws {
        let text = [Self.testHeader, Self.row(label: nil, set: [0: "255"])].joined(separator: "\n")
        let (images, labels) = try Self.parse(text, labelled: false)
        #expect(labels.isEmpty)
        #expect(images.shape == [1, 784])
        #expect(images[0] == 1)
    }

    @Test func toleratesCRLFByteOrderMarkAndBlankLines() throws {
        let text = "\u{FEFF}" + Self.trainHeader + "\r\n\r\n" + Self.row(label: "4") + "\r\n\n" + Self.row(label: "5") + "\r\n\n\n"
        #expect(try Self.parse(text).labels == [4, 5])
    }

    @Test func headerErrorsNameTheHeadersLine() {
        let e = Self.error("\n\n" + Self.testHeader + "\n" + Self.row())
        #expect(e?.file == "train.csv:3:1", "\(String(describing: e))")
    }

    @Test func headerOnlyIsAnEmptyDataSet() throws {
        let (images, labels) = try Self.parse(Self.trainHeader + "\n")
        #expect(images.shape == [0, 784])
        #expect(labels.isEmpty)
    }

    @Test func emptyFileHasItsOwnMessage() {
        for text in ["", "\n", "\n\r\n"] {
            let e = Self.error(text)
            #expect(e?.file == "train.csv")
            #expect(e?.message.hasPrefix("empty file; expected the header 'label,pixel0,...,pixel783'") == true, "\(String(describing: e))")
        }
    }

    @Test func headerProblems() {
        let cases: [(String, Bool, String, String)] = [
            (Self.row(), true, "train.csv:1:1", "missing header: the first line holds numbers"),
            (Self.testHeader, true, "train.csv:1:1", "header has no 'label' column (a test.csv?)"),
            (Self.trainHeader, false, "train.csv:1:1", "header starts with 'label' (a train.csv?)"),
            (Self.trainHeader.replacingOccurrences(of: "pixel3,", with: "pixl3,"), true, "train.csv:1:28", "header column 5 is 'pixl3'; expected 'pixel3'"),
            (Self.trainHeader + ",pixel784", true, "train.csv:1:\(Self.trainHeader.utf8.count + 2)", "header has 786 columns; expected 785"),
            (String(Self.trainHeader.dropLast(",pixel783".count)), true, "train.csv:1:\(Self.trainHeader.utf8.count - 8)", "header has 784 columns; expected 785"),
            ("id,\(Self.testHeader)", true, "train.csv:1:1", "header column 1 is 'id'; expected 'label'"),
        ]
        for (header, labelled, place, message) in cases {
            let e = Self.error(header + "\n" + Self.row(label: labelled ? "1" : nil), labelled: labelled)
            #expect(e?.file == place, "\(String(describing: e))")
            #expect(e?.message.hasPrefix(message) == true, "\(String(describing: e))")
        }
    }

    @Test func badCellsAreNamedByLineColumnAndHeader() {
        // "3," is 2 characters, then each "0," 2 more: pixel k starts at column 3 + 2k.
        let cases: [([Int: String], String?, String, String)] = [
            ([5: "x1"], "3", "train.csv:3:13", "pixel5 is 'x1'; expected a whole number 0...255"),
            ([5: "256"], "3", "train.csv:3:13", "pixel5 is 256; expected a grey level 0...255"),
            ([0: "-1"], "3", "train.csv:3:3", "pixel0 is '-1'; expected a whole number 0...255"),
            ([7: "1.5"], "3", "train.csv:3:17", "pixel7 is '1.5'; expected a whole number 0...255"),
            ([783: ""], "3", "train.csv:3:1569", "pixel783 is empty; expected a whole number 0...255"),
            ([9: "99999999999999999999999"], "3", "train.csv:3:21", "pixel9 is 99999999999999999999...; expected a grey level 0...255"),
            ([:], "10", "train.csv:3:1", "label is 10; expected a digit 0...9"),
            ([:], "a", "train.csv:3:1", "label is 'a'; expected a digit 0...9"),
            ([:], "", "train.csv:3:1", "label is empty; expected a digit 0...9"),
        ]
        for (set, label, place, message) in cases {
            let text = [Self.trainHeader, Self.row(), Self.row(label: label, set: set)].joined(separator: "\n")
            let e = Self.error(text)
            #expect(e?.file == place, "\(String(describing: e))")
            #expect(e?.message.hasPrefix(message) == true, "\(String(describing: e))")
        }
    }

    @Test func raggedRowsAreCounted() {
        let full = Self.row()
        let short = String(full.dropLast(4)) // two cells fewer
        let cases: [(String, String, String)] = [
            (short, "train.csv:2:\(short.utf8.count + 1)", "row has 783 cells; expected 785 (label, pixel0...pixel783)"),
            (full + ",1,2", "train.csv:2:\(full.utf8.count + 1)", "row has 787 cells; expected 785"),
            ("3", "train.csv:2:2", "row has 1 cells; expected 785"),
        ]
        for (row, place, message) in cases {
            let e = Self.error(Self.trainHeader + "\n" + row + "\n")
            #expect(e?.file == place, "\(String(describing: e))")
            #expect(e?.message.hasPrefix(message) == true, "\(String(describing: e))")
        }
    }

    @Test func controlCharactersStayOnOneLine() {
        let e = Self.error(Self.trainHeader + "\n" + Self.row(set: [2: "a\u{0B}b"]))
        #expect(e?.message.contains("\n") == false)
        #expect(e?.message.contains("\\u{0B}") == true, "\(String(describing: e))")
    }

    @Test func filesReadAsBytesDo() throws {
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        let text = [Self.trainHeader, Self.row(label: "2", set: [3: "9"]), Self.row(label: "8")].joined(separator: "\n")
        try TestFiles.write(Array(text.utf8), to: dir + "/train.csv")
        let (images, labels) = try KaggleDigits.loadTrain(path: dir + "/train.csv", shape: .channelsLast)
        #expect(labels == [2, 8])
        #expect(images.scalars == (try Self.parse(text)).images.scalars)
        #expect(images.shape == [2, 28, 28, 1])
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/train.csv")
        #expect(try KaggleDigits.loadTrain(path: dir + "/link.csv").labels == [2, 8])
        let missing = dir + "/none.csv"
        #expect(throws: DatasetError(file: missing, "no such file")) { try KaggleDigits.loadTest(path: missing) }
        #expect(throws: DatasetError(file: dir, "is a directory; expected a CSV file")) { try KaggleDigits.loadTest(path: dir) }
        #expect(throws: DatasetError(file: "/dev/zero", "is not a regular file; expected a CSV file")) { try KaggleDigits.loadTest(path: "/dev/zero") }
    }

    /// A line no CSV row could be (a binary file, a missing newline for megabytes) stops at the
    /// reader's chunk size instead of growing without bound.
    @Test func overlongLinesAreRefused() {
        let text = Self.trainHeader + "\n" + String(repeating: "1,", count: 600_000)
        let e = Self.error(text)
        #expect(e?.file == "train.csv:2")
        #expect(e?.message == "line is longer than 1048576 bytes; expected a CSV row")
    }

    @Test func sizesAreCheckedBeforeAllocating() throws {
        let saved = MemoryBudget.limitBytes
        defer { MemoryBudget.limitBytes = saved }
        MemoryBudget.limitBytes = 784 * 4 * 2
        let text = [Self.trainHeader, Self.row(), Self.row(), Self.row()].joined(separator: "\n")
        #expect(throws: SizeError.self) { try Self.parse(text) }
    }

    /// A data set of a few thousand images crosses the reader's 1 MiB chunks many times; it must
    /// come back exactly as the IDX bytes, scaled as MNIST.load scales them.
    @Test func mnistWrittenAsCSVReadsBackIdentically() throws {
        let source = TestFiles.repositoryRoot.appendingPathComponent("data/mnist").path
        let count = 1500
        let pixels = Array(try IDXFile.read(path: source + "/train-images-idx3-ubyte.gz").bytes.prefix(count * 784))
        let labels = try IDXFile.read(path: source + "/train-labels-idx1-ubyte.gz").bytes.prefix(count).map(Int.init)
        var csv = [UInt8]()
        try pixels.withUnsafeBufferPointer { p in
            try KaggleDigits.writeCSV(pixels: p, labels: labels) { csv.append(contentsOf: $0) }
        }
        #expect(csv.count > 2 << 20)
        let dir = try TestFiles.makeDirectory()
        defer { TestFiles.remove(dir) }
        try TestFiles.write(csv, to: dir + "/train.csv")
        let read = try KaggleDigits.loadTrain(path: dir + "/train.csv")
        #expect(read.labels == labels)
        #expect(read.images.shape == [count, 784])
        #expect(read.images.scalars == pixels.map { Float($0) * (1 / 255) })
    }
}
