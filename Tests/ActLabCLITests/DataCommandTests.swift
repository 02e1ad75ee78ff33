import Datasets
import Foundation
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    /// `actlab data kaggle-digits`: MNIST written as Kaggle CSV reads back as the same images.
    @Suite struct DataCommandTests {
        @Test func writesTrainAndTestCSVThatReadBackAsMNIST() throws {
            let data = try CommandRunner.mnistSubset(train: 100, test: 20)
            defer { try? FileManager.default.removeItem(atPath: data) }
            let out = data + "/kaggle"
            let text = try CommandRunner.run(["data", "kaggle-digits", "--from", data, "--out", out, "--train-rows", "70", "--test-rows", "50"])
            #expect(text == "wrote \(out)/train.csv (70 rows) and \(out)/test.csv (50 rows)\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["test.csv", "train.csv"])

            let mnist = try MNIST.load(directory: data)
            let train = try KaggleDigits.loadTrain(path: out + "/train.csv")
            #expect(train.labels == Array(mnist.trainLabels.prefix(70)))
            #expect(train.images.scalars == mnist.trainImages.rows(0..<70).scalars)
            // test.csv: the 20 test images, then the last 30 training images, none of them in train.csv.
            let test = try KaggleDigits.loadTest(path: out + "/test.csv", shape: .channelsLast)
            #expect(test.shape == [50, 28, 28, 1])
            #expect(test.rows(0..<20).scalars == mnist.testImages.scalars)
            #expect(test.rows(20..<50).scalars == mnist.trainImages.rows(70..<100).scalars)
        }

        @Test func tooFewImagesIsOneLineAndWritesNothing() throws {
            let data = try CommandRunner.mnistSubset(train: 100, test: 20)
            defer { try? FileManager.default.removeItem(atPath: data) }
            let out = data + "/kaggle"
            let e = CommandRunner.failure(["data", "kaggle-digits", "--from", data, "--out", out, "--train-rows", "80", "--test-rows", "50"])
            #expect(e == "\(data): 80 train.csv rows and 30 test.csv rows beyond its 20 test images need 110 training images; it has 100")
            let defaults = CommandRunner.failure(["data", "kaggle-digits", "--from", data, "--out", out])
            #expect(defaults?.contains("need 69980 training images; it has 100") == true, "\(defaults ?? "no error")")
            #expect(CommandRunner.failure(["data", "kaggle-digits", "--from", data, "--out", out, "--train-rows", "0"])
                    == "--train-rows must be a positive whole number, got 0")
            #expect(!FileManager.default.fileExists(atPath: out))
        }

        @Test func helpSaysWhereTheTestImagesComeFrom() {
            let help = ActLab.helpMessage(for: KaggleDigitsCommand.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(help.contains("the 10,000 MNIST"), "\(help)")
            #expect(help.contains("18,000 training images"), "\(help)")
        }
    }
}
