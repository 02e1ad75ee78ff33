import Tensors

/// The four IDX files of an MNIST-layout directory, read and checked against each other before
/// anything becomes a tensor: images [count, rows, columns] with one label each, train and test
/// images of one size, labels 0..<k with every class present, checksums when listed.
public struct MNISTFiles: Sendable {
    /// An images file and its labels file, checked against each other.
    public struct Part: Sendable {
        public let images: IDXFile
        public let labels: IDXFile
        public let imagesPath: DataPath
        public let labelsPath: DataPath
        public var count: Int { images.dimensions[0] }
        /// [rows, columns] of every image.
        public var imageShape: [Int] { Array(images.dimensions.dropFirst()) }
    }

    public let train: Part
    public let test: Part
    /// The number of classes the labels imply (every class 0..<k present).
    public let classCount: Int
    /// [rows, columns] of every image.
    public var imageShape: [Int] { train.imageShape }

    /// The four files a directory must hold, matched by the end of their names (gzip or raw):
    /// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, and `t10k-` (or `test-`) likewise.
    public static let fileRoles = [
        ("train images", ["train-images-idx3-ubyte"]), ("train labels", ["train-labels-idx1-ubyte"]),
        ("test images", ["t10k-images-idx3-ubyte", "test-images-idx3-ubyte"]),
        ("test labels", ["t10k-labels-idx1-ubyte", "test-labels-idx1-ubyte"]),
    ]

    /// Reads a directory; see `read(directory: DataPath)`.
    public static func read(directory: String) throws -> MNISTFiles { try read(directory: DataPath(directory)) }

    /// Reads a directory holding exactly one file for each of `fileRoles`. When it holds a
    /// SHA256SUMS, every file that list names must exist and match, and every data file must be listed.
    public static func read(directory: DataPath) throws -> MNISTFiles {
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
        let train = try part(images: files[0], labels: files[1])
        let test = try part(images: files[2], labels: files[3])
        guard train.imageShape == test.imageShape else {
            throw DatasetError(file: files[2].path.description, "holds images of \(test.imageShape) pixels but \(files[0].path) holds \(train.imageShape); expected the same size")
        }
        let classes = try ClassLabels.classCount([(files[1].path.description, files[1].idx.bytes),
                                                  (files[3].path.description, files[3].idx.bytes)])
        return MNISTFiles(train: train, test: test, classCount: classes)
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

    /// The images and labels of one split, checked against each other.
    private static func part(images: (path: DataPath, idx: IDXFile), labels: (path: DataPath, idx: IDXFile)) throws -> Part {
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
        return Part(images: images.idx, labels: labels.idx, imagesPath: images.path, labelsPath: labels.path)
    }
}
