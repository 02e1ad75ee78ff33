import Tensors

/// The MNIST digits (or any data set in its IDX layout: Fashion-MNIST, EMNIST), scaled to [0, 1].
public struct MNIST: Sendable {
    /// [rows, height * width] pixel values / 255.
    public let trainImages: Tensor
    public let trainLabels: [Int]
    public let testImages: Tensor
    public let testLabels: [Int]
    public let imageShape: [Int]
    public let classCount: Int

    /// The four files a directory must hold, matched by the end of their names (gzip or raw):
    /// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, and `t10k-` (or `test-`) likewise.
    public static let fileRoles = [
        ("train images", ["train-images-idx3-ubyte"]), ("train labels", ["train-labels-idx1-ubyte"]),
        ("test images", ["t10k-images-idx3-ubyte", "test-images-idx3-ubyte"]),
        ("test labels", ["t10k-labels-idx1-ubyte", "test-labels-idx1-ubyte"]),
    ]

    /// Loads a directory; see `load(directory: DataPath, ...)`.
    public static func load(directory: String, limitTrain: Int? = nil, limitTest: Int? = nil) throws -> MNIST {
        try load(directory: DataPath(directory), limitTrain: limitTrain, limitTest: limitTest)
    }

    /// Loads a directory holding exactly one file for each of `fileRoles`. When it holds a
    /// SHA256SUMS, every file that list names must exist and match, and every data file must be
    /// listed. Labels must be 0..<k with every class present (k is `classCount`); limits keep
    /// the first rows after the checks, which see whole files.
    public static func load(directory: DataPath, limitTrain: Int? = nil, limitTest: Int? = nil) throws -> MNIST {
        for (name, limit) in [("train", limitTrain), ("test", limitTest)] {
            if let limit, limit < 1 { throw DatasetError(file: directory.description, "\(name) limit \(limit) leaves no images; expected a count >= 1") }
        }
        guard RawFile.kind(directory) == .directory else {
            throw DatasetError(file: directory.description, "no such directory; expected a folder of MNIST-format IDX files")
        }
        let names = try RawFile.names(in: directory)
        let sumsName = Array("SHA256SUMS".utf8)
        let sums = names.contains(sumsName) ? try ChecksumList.read(path: directory.appending(sumsName)) : nil
        if let sums {
            for entry in sums.entries where !names.contains(entry.name) {
                throw DatasetError(file: "\(directory.appending(sumsName)):\(entry.line)",
                                   "names \(DataPath.display(entry.name)), which is not in the folder; expected every listed file to exist")
            }
        }
        var files = [(path: DataPath, idx: IDXFile)]()
        for (index, (role, suffixes)) in fileRoles.enumerated() {
            let name = try matchingFile(role: role, suffixes: suffixes, in: names, directory: directory)
            let path = directory.appending(name)
            var digest: String?
            if let sums {
                digest = sums.digest(for: name)
                guard digest != nil else {
                    throw DatasetError(file: directory.appending(sumsName).description,
                                       "has no line for \(DataPath.display(name)); expected a digest for every data file")
                }
            }
            // Images also become a Float each: budget for both before inflating anything.
            files.append((path, try IDXFile.read(path: path, expectedSHA256: digest, bytesPerElement: index % 2 == 0 ? 5 : 1)))
        }
        let train = try Split(images: files[0], labels: files[1])
        let test = try Split(images: files[2], labels: files[3])
        guard train.imageShape == test.imageShape else {
            throw DatasetError(file: files[2].path.description, "holds images of \(test.imageShape) pixels but \(files[0].path) holds \(train.imageShape); expected the same size")
        }
        let classes = try ClassLabels.classCount([(files[1].path.description, files[1].idx.bytes),
                                                  (files[3].path.description, files[3].idx.bytes)])
        let (trainImages, trainLabels) = try train.load(limit: limitTrain)
        let (testImages, testLabels) = try test.load(limit: limitTest)
        return MNIST(trainImages: trainImages, trainLabels: trainLabels, testImages: testImages, testLabels: testLabels,
                     imageShape: train.imageShape, classCount: classes)
    }

    /// The one name in `names` ending in one of `suffixes` (optionally `.gz`); none, or more than one, is an error.
    private static func matchingFile(role: String, suffixes: [String], in names: [[UInt8]], directory: DataPath) throws -> [UInt8] {
        let endings = suffixes.flatMap { [Array($0.utf8), Array(($0 + ".gz").utf8)] }
        let matches = names.filter { n in endings.contains { n.count >= $0.count && Array(n.suffix($0.count)) == $0 } }
            .sorted { $0.lexicographicallyPrecedes($1) }
        guard let first = matches.first else {
            throw DatasetError(file: directory.description, "no \(role) file; expected a file named like \(suffixes[0])[.gz]")
        }
        guard matches.count == 1 else {
            let list = matches.map(DataPath.display).joined(separator: ", ")
            throw DatasetError(file: directory.description, "\(matches.count) files match the \(role) (\(list)); expected exactly one, so remove or rename the others")
        }
        return first
    }

    /// An images file and its labels file, checked against each other.
    private struct Split {
        let images: (path: DataPath, idx: IDXFile)
        let labels: (path: DataPath, idx: IDXFile)

        var imageShape: [Int] { Array(images.idx.dimensions.dropFirst()) }

        init(images: (path: DataPath, idx: IDXFile), labels: (path: DataPath, idx: IDXFile)) throws {
            self.images = images
            self.labels = labels
            let dims = images.idx.dimensions
            guard dims.count == 3 else {
                throw DatasetError(file: images.path.description, "has dimensions \(dims); expected [count, rows, columns]")
            }
            guard dims[1] > 0, dims[2] > 0 else {
                throw DatasetError(file: images.path.description, "holds images of \(dims[1]) x \(dims[2]) pixels; expected at least 1 x 1")
            }
            guard dims[0] > 0 else {
                throw DatasetError(file: images.path.description, "holds 0 images; expected at least one")
            }
            guard labels.idx.dimensions.count == 1 else {
                throw DatasetError(file: labels.path.description, "has dimensions \(labels.idx.dimensions); expected [count]")
            }
            guard dims[0] == labels.idx.dimensions[0] else {
                let imagesName = DataPath.display(Array(images.path.bytes.split(separator: UInt8(ascii: "/")).last ?? []))
                throw DatasetError(file: labels.path.description,
                                   "holds \(labels.idx.dimensions[0]) labels but \(imagesName) holds \(dims[0]) images; expected equal counts")
            }
        }

        /// The first `limit` rows as a [count, pixels] tensor of bytes / 255, and their labels.
        func load(limit: Int?) throws -> (Tensor, [Int]) {
            let dims = images.idx.dimensions
            let count = min(dims[0], limit ?? .max)
            let pixels = dims[1] * dims[2]
            do {
                try MemoryBudget.check(shape: [count, pixels], for: "the images")
            } catch let error as SizeError {
                throw DatasetError(file: images.path.description, error.description)
            }
            let tensor = Tensor(zeros: [count, pixels])
            images.idx.bytes.withUnsafeBufferPointer { src in
                for i in 0..<(count * pixels) { tensor.pointer[i] = Float(src[i]) * (1 / 255) }
            }
            return (tensor, labels.idx.bytes.prefix(count).map(Int.init))
        }
    }
}
