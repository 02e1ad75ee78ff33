import ArgumentParser
import Datasets
import Foundation
import Layers

/// `actlab data`: prepares data sets on disk.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Prepare data sets on disk.", subcommands: [KaggleDigitsCommand.self])
}

/// `actlab data kaggle-digits`: MNIST written as the Kaggle digit-recognizer CSV files, so the
/// Kaggle path (experiment D) runs offline and in tests.
struct KaggleDigitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaggle-digits",
        abstract: "Write MNIST as the Kaggle digit-recognizer train.csv and test.csv.",
        discussion: """
            train.csv (header label,pixel0,...,pixel783) holds the first 42,000 MNIST training images \
            with their labels. test.csv (the same without label) holds 28,000 images: the 10,000 MNIST \
            test images, then the last 18,000 training images, so no image is in both files. Both \
            files are written in full before either is moved into place.
            """)

    @Option(help: "Directory of MNIST-format IDX files.") var from: String = DataLocation.defaultMNIST
    @Option(help: "Directory to write train.csv and test.csv into.") var out: String
    @Option(parsing: .unconditional, help: "Rows of train.csv: the first training images.") var trainRows = "42000"
    @Option(parsing: .unconditional, help: "Rows of test.csv: the test images, then the last training images.")
    var testRows = "28000"

    func validate() throws {
        try OptionValue.path(from, "--from", naming: "a folder")
        try OptionValue.path(out, "--out", naming: "a folder")
    }

    func run() throws {
        let trainRows = try OptionValue.whole(self.trainRows, "--train-rows", in: 1...Int.max)
        let testRows = try OptionValue.whole(self.testRows, "--test-rows", in: 0...Int.max)
        let files = try MNISTFiles.read(directory: from)
        guard files.imageShape == [KaggleDigits.imageHeight, KaggleDigits.imageWidth] else {
            throw CommandError("\(from): images are \(files.imageShape[0]) x \(files.imageShape[1]); the Kaggle format holds 28 x 28")
        }
        let fromTest = min(testRows, files.test.count)
        let fromTrainEnd = testRows - fromTest
        guard trainRows + fromTrainEnd <= files.train.count else {
            throw CommandError("\(from): \(trainRows) train.csv rows and \(fromTrainEnd) test.csv rows beyond its \(files.test.count) test images need \(trainRows + fromTrainEnd) training images; it has \(files.train.count)")
        }
        let labels = files.train.labels.bytes.prefix(trainRows).map(Int.init)
        if let bad = labels.firstIndex(where: { $0 >= KaggleDigits.classCount }) {
            throw CommandError("\(from): training label \(bad) is \(labels[bad]); the Kaggle format holds digits 0...9")
        }
        let n = KaggleDigits.pixelCount
        let trainPixels = files.train.images.bytes.prefix(trainRows * n)
        let testPixels = Array(files.test.images.bytes.prefix(fromTest * n)) + files.train.images.bytes.suffix(fromTrainEnd * n)
        let dir = out as NSString
        try AtomicFile.writeTogether([
            (dir.appendingPathComponent("train.csv"), { sink in
                try Array(trainPixels).withUnsafeBufferPointer { try KaggleDigits.writeCSV(pixels: $0, labels: labels, to: sink.write) }
            }),
            (dir.appendingPathComponent("test.csv"), { sink in
                try testPixels.withUnsafeBufferPointer { try KaggleDigits.writeCSV(pixels: $0, labels: nil, to: sink.write) }
            }),
        ])
        try Console.print("wrote \(dir.appendingPathComponent("train.csv")) (\(trainRows) rows) and \(dir.appendingPathComponent("test.csv")) (\(testRows) rows)")
    }
}
