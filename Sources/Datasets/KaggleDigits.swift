import Tensors

/// The Kaggle digit-recognizer files: `train.csv` (a header `label,pixel0,...,pixel783`, then one
/// row per 28 x 28 image: its digit and 784 grey levels 0-255) and `test.csv` (the same without
/// `label`). Read in chunks, straight from bytes; pixels are scaled by 1/255 like `MNIST`.
public enum KaggleDigits {
    public static let imageHeight = 28
    public static let imageWidth = 28
    public static let pixelCount = imageHeight * imageWidth
    public static let classCount = 10

    /// `train.csv`: images and their labels 0...9.
    public static func loadTrain(path: String, shape: ImageLayout = .flat) throws -> (images: Tensor, labels: [Int]) {
        let table = try read({ try LineReader(path: path) }, file: path, labelled: true, shape: shape)
        return (table.images, table.labels)
    }

    /// `test.csv`: images only.
    public static func loadTest(path: String, shape: ImageLayout = .flat) throws -> Tensor {
        try read({ try LineReader(path: path) }, file: path, labelled: false, shape: shape).images
    }

    /// CSV bytes held in memory, read exactly as a file named `file` would be (tests, fuzzing);
    /// `labels` is empty when `labelled` is false.
    public static func parse(_ bytes: [UInt8], file: String, labelled: Bool, shape: ImageLayout = .flat) throws
        -> (images: Tensor, labels: [Int]) {
        try read({ LineReader(bytes: bytes, file: file) }, file: file, labelled: labelled, shape: shape)
    }

    /// The header line (without its newline).
    public static func header(labelled: Bool) -> String {
        ((labelled ? ["label"] : []) + (0..<pixelCount).map { "pixel\($0)" }).joined(separator: ",")
    }

    /// Two passes: the first checks the header and counts the rows, so the tensor is sized (and
    /// checked against the memory budget) before anything is allocated; the second fills it.
    private static func read(_ open: () throws -> LineReader, file: String, labelled: Bool, shape: ImageLayout) throws
        -> (images: Tensor, labels: [Int]) {
        let rows = DigitRows(file: file, labelled: labelled)
        let counting = try open()
        var sawHeader = false, count = 0
        while let blank = try counting.next({ line -> Bool in
            if line.isEmpty { return true }
            if !sawHeader { try rows.checkHeader(line, line: counting.lineNumber) }
            return false
        }) {
            if blank { continue }
            if sawHeader { count += 1 } else { sawHeader = true }
        }
        guard sawHeader else {
            throw DatasetError(file: file, "empty file; expected the header '\(labelled ? "label," : "")pixel0,...,pixel783' and then one row per image")
        }
        let tensorShape = shape.shape(count: count, height: imageHeight, width: imageWidth)
        try MemoryBudget.check(shape: tensorShape, for: "the images of \(file)")
        try MemoryBudget.check(elements: count, bytesPerElement: MemoryLayout<Int>.stride, for: "the labels of \(file)")

        let images = Tensor(zeros: tensorShape)
        var labels = [Int]()
        labels.reserveCapacity(labelled ? count : 0)
        let filling = try open()
        var row = -1
        while let _ = try filling.next({ line in
            if line.isEmpty { return }
            defer { row += 1 }
            guard row >= 0 else { return }
            guard row < count else {
                throw DatasetError(file: "\(file):\(filling.lineNumber)", "the file grew while it was being read; expected \(count) rows")
            }
            let label = try rows.parse(line, line: filling.lineNumber, into: images.pointer + row * pixelCount)
            if labelled { labels.append(label) }
        }) {}
        guard row == count else {
            throw DatasetError(file: file, "the file shrank while it was being read; expected \(count) rows, found \(max(row, 0))")
        }
        return (images, labels)
    }
}
