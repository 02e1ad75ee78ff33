import Foundation

/// The four IDX files of an MNIST-layout directory as raw bytes, checked against each other:
/// images [count, rows, columns] with one label each, train and test images of the same size.
public struct MNISTFiles: Sendable {
    /// One half of the data set: `count * rows * columns` grey levels and `count` labels.
    public struct Part: Sendable {
        public let images: IDXFile
        public let labels: IDXFile
        public var count: Int { images.dimensions[0] }
    }

    public let train: Part
    public let test: Part
    /// [rows, columns] of every image.
    public var imageShape: [Int] { Array(train.images.dimensions.dropFirst()) }

    /// The four files a directory must hold, matched by the end of their names (gzip or raw):
    /// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, and `t10k-` (or `test-`) likewise.
    public static let fileRoles = [
        ("train images", ["train-images-idx3-ubyte"]), ("train labels", ["train-labels-idx1-ubyte"]),
        ("test images", ["t10k-images-idx3-ubyte", "test-images-idx3-ubyte"]),
        ("test labels", ["t10k-labels-idx1-ubyte", "test-labels-idx1-ubyte"]),
    ]

    /// Reads a directory; files listed in its SHA256SUMS (if present) are verified first.
    public static func read(directory: String) throws -> MNISTFiles {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw DatasetError(file: directory, "no such directory; expected a folder of MNIST-format IDX files")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let sumsPath = (directory as NSString).appendingPathComponent("SHA256SUMS")
        let sums = FileManager.default.fileExists(atPath: sumsPath) ? try readChecksums(path: sumsPath) : [:]
        var files = [(name: String, file: IDXFile)]()
        for (role, suffixes) in fileRoles {
            let matches = names.filter { n in suffixes.contains { n.hasSuffix($0) || n.hasSuffix($0 + ".gz") } }.sorted()
            guard let name = matches.first(where: { $0.hasSuffix(".gz") }) ?? matches.first else {
                throw DatasetError(file: directory, "no \(role) file; expected a file named like \(suffixes[0])[.gz]")
            }
            let path = (directory as NSString).appendingPathComponent(name)
            files.append((name, try IDXFile.read(path: path, expectedSHA256: sums[name])))
        }
        let train = try part(files[0], files[1], directory: directory)
        let test = try part(files[2], files[3], directory: directory)
        guard Array(train.images.dimensions.dropFirst()) == Array(test.images.dimensions.dropFirst()) else {
            throw DatasetError(file: directory, "train images are \(train.images.dimensions.dropFirst()) but test images are \(test.images.dimensions.dropFirst()); expected the same size")
        }
        return MNISTFiles(train: train, test: test)
    }

    private static func part(_ images: (name: String, file: IDXFile), _ labels: (name: String, file: IDXFile), directory: String) throws -> Part {
        let dir = directory as NSString
        guard images.file.dimensions.count == 3 else {
            throw DatasetError(file: dir.appendingPathComponent(images.name), "has dimensions \(images.file.dimensions); expected [count, rows, columns]")
        }
        guard labels.file.dimensions.count == 1 else {
            throw DatasetError(file: dir.appendingPathComponent(labels.name), "has dimensions \(labels.file.dimensions); expected [count]")
        }
        guard images.file.dimensions[0] == labels.file.dimensions[0] else {
            throw DatasetError(file: dir.appendingPathComponent(labels.name),
                               "holds \(labels.file.dimensions[0]) labels but \(images.name) holds \(images.file.dimensions[0]) images; expected equal counts")
        }
        return Part(images: images.file, labels: labels.file)
    }
}
