import Datasets
import Experiments
import Tensors

/// The rows a search trains and scores on: a training split, a validation split that ranks
/// candidates, and a held-out test split that only the finals are reported on.
public struct SearchData: Sendable {
    /// Row-major features and their class labels.
    public struct Split: Sendable {
        public let x: [Float]
        public let labels: [Int]
        public var rows: Int { labels.count }
        public init(x: [Float], labels: [Int]) {
            precondition(labels.isEmpty || x.count % labels.count == 0, "features must be whole rows")
            self.x = x
            self.labels = labels
        }
    }

    /// Names the data and its split sizes, for proxy names (and so for stored evaluations).
    public let label: String
    public let features: Int
    public let classes: Int
    public let train: Split
    public let validation: Split
    public let test: Split
    private let base: String

    public init(label: String, features: Int, classes: Int, train: Split, validation: Split, test: Split) throws {
        for (name, split) in [("training", train), ("validation", validation), ("test", test)] {
            guard split.rows > 0 else { throw ExperimentError("the \(name) split holds no rows") }
            guard split.x.count == split.rows * features else { throw ExperimentError("the \(name) split's rows are not \(features) features wide") }
            if let bad = split.labels.first(where: { !(0..<classes).contains($0) }) {
                throw ExperimentError("the \(name) split has label \(bad); expected 0..<\(classes)")
            }
        }
        self.label = "\(label)-\(train.rows)-\(validation.rows)-\(test.rows)"
        (self.features, self.classes, self.train, self.validation, self.test) = (features, classes, train, validation, test)
        base = label
    }

    /// MNIST's first `trainRows` training images to train on, the next `validationRows` to rank
    /// with, and its test images as the held-out split.
    public static func mnist(_ data: MNIST, trainRows: Int, validationRows: Int) throws -> SearchData {
        let width = data.trainImages.rowLength
        guard trainRows + validationRows <= data.trainImages.rows else {
            throw ExperimentError("\(trainRows) training + \(validationRows) validation rows need that many MNIST training images, only \(data.trainImages.rows) loaded")
        }
        let all = Array(UnsafeBufferPointer(start: data.trainImages.pointer, count: data.trainImages.count))
        let test = Array(UnsafeBufferPointer(start: data.testImages.pointer, count: data.testImages.count))
        let end = trainRows + validationRows
        return try SearchData(label: "mnist", features: width, classes: data.classCount,
                              train: Split(x: Array(all[0..<(trainRows * width)]), labels: Array(data.trainLabels[0..<trainRows])),
                              validation: Split(x: Array(all[(trainRows * width)..<(end * width)]), labels: Array(data.trainLabels[trainRows..<end])),
                              test: Split(x: test, labels: data.testLabels))
    }

    /// A synthetic 4-class problem (`makeClassification`): `rows` to train on and half as many
    /// each to validate and test, for quick searches and tests.
    public static func synthetic(rows: Int = 600, features: Int = 8, seed: UInt64 = 0) throws -> SearchData {
        let (x, y) = try makeClassification(nSamples: rows * 2, nFeatures: features, nInformative: 4, nRedundant: 2,
                                            nClasses: 4, classSep: 1.0, seed: seed)
        let xs = Array(UnsafeBufferPointer(start: x.pointer, count: x.count))
        let labels = (0..<(rows * 2)).map { Int(y.pointer[$0]) }
        let (a, b) = (rows, rows + rows / 2)
        func split(_ r: Range<Int>) -> Split { Split(x: Array(xs[(r.lowerBound * features)..<(r.upperBound * features)]), labels: Array(labels[r])) }
        return try SearchData(label: "synthetic\(seed)", features: features, classes: 4, train: split(0..<a), validation: split(a..<b), test: split(b..<(rows * 2)))
    }

    /// The same splits with only the first `rows` training rows (all of them when there are fewer).
    public func limitingTraining(to rows: Int) throws -> SearchData {
        let n = min(rows, train.rows)
        return try SearchData(label: base, features: features, classes: classes,
                              train: Split(x: Array(train.x.prefix(n * features)), labels: Array(train.labels.prefix(n))),
                              validation: validation, test: test)
    }

    /// Square images averaged over `factor` x `factor` blocks (28x28 MNIST by 4 gives 7x7 =
    /// 49 features): the cheap proxy's inputs, small enough for the tiny trainer.
    public func pooled(by factor: Int) throws -> SearchData {
        let side = Int(Double(features).squareRoot().rounded())
        guard side * side == features, factor >= 1, side % factor == 0 else {
            throw ExperimentError("cannot pool \(features) features by \(factor): expected square images whose side \(factor) divides")
        }
        let out = side / factor
        func pool(_ s: Split) -> Split {
            var x = [Float](repeating: 0, count: s.rows * out * out)
            let scale = 1 / Float(factor * factor)
            for r in 0..<s.rows {
                for i in 0..<side {
                    for j in 0..<side {
                        x[r * out * out + (i / factor) * out + j / factor] += s.x[r * features + i * side + j] * scale
                    }
                }
            }
            return Split(x: x, labels: s.labels)
        }
        return try SearchData(label: base + "-pool\(factor)", features: out * out, classes: classes, train: pool(train), validation: pool(validation), test: pool(test))
    }
}
