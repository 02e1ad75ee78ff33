import Foundation
import Tensors

/// The MNIST digits (or any data set in its IDX layout: Fashion-MNIST, EMNIST), scaled to [0, 1].
public struct MNIST: Sendable {
    /// [rows, height * width] pixel values / 255, or [rows, height, width, 1] when loaded with
    /// `shape: .channelsLast`.
    public let trainImages: Tensor
    public let trainLabels: [Int]
    public let testImages: Tensor
    public let testLabels: [Int]
    public let imageShape: [Int]
    public let classCount: Int

    /// The four files a directory must hold; see `MNISTFiles.fileRoles`.
    public static var fileRoles: [(String, [String])] { MNISTFiles.fileRoles }

    /// Loads a directory; files listed in its SHA256SUMS (if present) are verified first. `shape`
    /// gives flat rows for Dense networks or `[n, 28, 28, 1]` for convolutional ones.
    public static func load(directory: String, limitTrain: Int? = nil, limitTest: Int? = nil,
                            shape: ImageLayout = .flat) throws -> MNIST {
        for (name, limit) in [("train", limitTrain), ("test", limitTest)] {
            if let limit, limit < 0 { throw DatasetError(file: directory, "\(name) limit \(limit) is negative; expected a count >= 0") }
        }
        let files = try MNISTFiles.read(directory: directory)
        let train = try images(files.train, limit: limitTrain, shape: shape, directory: directory)
        let test = try images(files.test, limit: limitTest, shape: shape, directory: directory)
        let classes = (train.labels + test.labels).max().map { $0 + 1 } ?? 0
        return MNIST(trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels,
                     imageShape: files.imageShape, classCount: max(classes, 2))
    }

    private static func images(_ part: MNISTFiles.Part, limit: Int?, shape: ImageLayout, directory: String) throws
        -> (images: Tensor, labels: [Int]) {
        let count = min(part.count, limit ?? .max)
        let dims = part.images.dimensions
        let tensorShape = shape.shape(count: count, height: dims[1], width: dims[2])
        try MemoryBudget.check(shape: tensorShape, for: "the images of \(directory)")
        let tensor = Tensor(zeros: tensorShape)
        part.images.bytes.withUnsafeBufferPointer { src in
            for i in 0..<tensor.count { tensor.pointer[i] = Float(src[i]) * (1 / 255) }
        }
        return (tensor, part.labels.bytes.prefix(count).map(Int.init))
    }
}
