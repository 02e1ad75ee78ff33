import Tensors

/// The MNIST digits (or any data set in its IDX layout: Fashion-MNIST, EMNIST), scaled to [0, 1].
public struct MNIST: Sendable {
    /// [rows, height * width] pixel values / 255, or [rows, height, width, 1] when loaded `.channelsLast`.
    public let trainImages: Tensor
    public let trainLabels: [Int]
    public let testImages: Tensor
    public let testLabels: [Int]
    public let imageShape: [Int]
    public let classCount: Int

    /// The four files a directory must hold; see `MNISTFiles.fileRoles`.
    public static var fileRoles: [(String, [String])] { MNISTFiles.fileRoles }

    /// Loads a directory; see `load(directory: DataPath, ...)`.
    public static func load(directory: String, limitTrain: Int? = nil, limitTest: Int? = nil,
                            shape: ImageLayout = .flat) throws -> MNIST {
        try load(directory: DataPath(directory), limitTrain: limitTrain, limitTest: limitTest, shape: shape)
    }

    /// Loads a directory checked by `MNISTFiles.read`; limits keep the first rows after the
    /// checks, which see whole files. `shape` gives flat rows for Dense networks or
    /// `[n, 28, 28, 1]` for convolutional ones.
    public static func load(directory: DataPath, limitTrain: Int? = nil, limitTest: Int? = nil,
                            shape: ImageLayout = .flat) throws -> MNIST {
        for (name, limit) in [("train", limitTrain), ("test", limitTest)] {
            if let limit, limit < 1 { throw DatasetError(file: directory.description, "\(name) limit \(limit) leaves no images; expected a count >= 1") }
        }
        let files = try MNISTFiles.read(directory: directory)
        let (trainImages, trainLabels) = try images(files.train, limit: limitTrain, shape: shape)
        let (testImages, testLabels) = try images(files.test, limit: limitTest, shape: shape)
        return MNIST(trainImages: trainImages, trainLabels: trainLabels, testImages: testImages, testLabels: testLabels,
                     imageShape: files.imageShape, classCount: files.classCount)
    }

    /// The first `limit` images of a split as bytes / 255 in `shape`'s layout, and their labels.
    private static func images(_ part: MNISTFiles.Part, limit: Int?, shape: ImageLayout) throws -> (Tensor, [Int]) {
        let count = min(part.count, limit ?? .max)
        let dims = part.images.dimensions
        let tensorShape = shape.shape(count: count, height: dims[1], width: dims[2])
        do {
            try MemoryBudget.check(shape: tensorShape, for: "the images")
        } catch let error as SizeError {
            throw DatasetError(file: part.imagesPath.description, error.description)
        }
        let tensor = Tensor(zeros: tensorShape)
        part.images.bytes.withUnsafeBufferPointer { src in
            for i in 0..<tensor.count { tensor.pointer[i] = Float(src[i]) * (1 / 255) }
        }
        return (tensor, part.labels.bytes.prefix(count).map(Int.init))
    }
}
