import Foundation
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

    /// Loads a directory; files listed in its SHA256SUMS (if present) are verified first.
    public static func load(directory: String, limitTrain: Int? = nil, limitTest: Int? = nil) throws -> MNIST {
        for (name, limit) in [("train", limitTrain), ("test", limitTest)] {
            if let limit, limit < 0 { throw DatasetError(file: directory, "\(name) limit \(limit) is negative; expected a count >= 0") }
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw DatasetError(file: directory, "no such directory; expected a folder of MNIST-format IDX files")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let sumsPath = (directory as NSString).appendingPathComponent("SHA256SUMS")
        let sums = FileManager.default.fileExists(atPath: sumsPath) ? try readChecksums(path: sumsPath) : [:]
        var files = [IDXFile]()
        for (role, suffixes) in fileRoles {
            let matches = names.filter { n in suffixes.contains { n.hasSuffix($0) || n.hasSuffix($0 + ".gz") } }.sorted()
            guard let name = matches.first(where: { $0.hasSuffix(".gz") }) ?? matches.first else {
                throw DatasetError(file: directory, "no \(role) file; expected a file named like \(suffixes[0])[.gz]")
            }
            let path = (directory as NSString).appendingPathComponent(name)
            files.append(try IDXFile.read(path: path, expectedSHA256: sums[name]))
        }
        let names4 = fileRoles.map { role in
            names.filter { n in role.1.contains { n.hasSuffix($0) || n.hasSuffix($0 + ".gz") } }.sorted().first { $0.hasSuffix(".gz") }
                ?? names.filter { n in role.1.contains { n.hasSuffix($0) } }.first ?? role.1[0]
        }
        let train = try pair(images: files[0], labels: files[1], names: (names4[0], names4[1]), directory: directory, limit: limitTrain)
        let test = try pair(images: files[2], labels: files[3], names: (names4[2], names4[3]), directory: directory, limit: limitTest)
        guard Array(files[0].dimensions.dropFirst()) == Array(files[2].dimensions.dropFirst()) else {
            throw DatasetError(file: directory, "train images are \(files[0].dimensions.dropFirst()) but test images are \(files[2].dimensions.dropFirst()); expected the same size")
        }
        let classes = (train.labels + test.labels).max().map { $0 + 1 } ?? 0
        return MNIST(trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels,
                     imageShape: Array(files[0].dimensions.dropFirst()), classCount: max(classes, 2))
    }

    private static func pair(images: IDXFile, labels: IDXFile, names: (String, String), directory: String, limit: Int?)
        throws -> (images: Tensor, labels: [Int]) {
        let dir = directory as NSString
        guard images.dimensions.count == 3 else {
            throw DatasetError(file: dir.appendingPathComponent(names.0), "has dimensions \(images.dimensions); expected [count, rows, columns]")
        }
        guard labels.dimensions.count == 1 else {
            throw DatasetError(file: dir.appendingPathComponent(names.1), "has dimensions \(labels.dimensions); expected [count]")
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DatasetError(file: dir.appendingPathComponent(names.1),
                               "holds \(labels.dimensions[0]) labels but \(names.0) holds \(images.dimensions[0]) images; expected equal counts")
        }
        let count = min(images.dimensions[0], limit ?? .max)
        let pixels = images.dimensions[1] * images.dimensions[2]
        let tensor = Tensor(zeros: [count, pixels])
        images.bytes.withUnsafeBufferPointer { src in
            for i in 0..<(count * pixels) { tensor.pointer[i] = Float(src[i]) * (1 / 255) }
        }
        return (tensor, labels.bytes.prefix(count).map(Int.init))
    }
}
