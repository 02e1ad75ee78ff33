import Datasets
import Experiments
import Foundation
import Tensors

/// One task's data, made before training: training and validation rows, what the output
/// layer and loss are, and the probe points at which the page draws the fit and each unit.
public struct PlaygroundTask: Sendable {
    /// Every task the page offers.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case cos, sin, abs, step, expression
        case circles, xor, spirals, blobs, classification
        case mnist

        /// How the output is read: a value, one probability, or ten.
        public var output: Output {
            switch self {
            case .cos, .sin, .abs, .step, .expression: .regression
            case .circles, .xor, .spirals, .blobs, .classification: .binary
            case .mnist: .multiclass
            }
        }
    }

    /// The output layer and loss a task needs.
    public enum Output: String, Codable, Sendable {
        case regression, binary, multiclass
    }

    public let kind: Kind
    /// The target's formula (1-D), or the data's description.
    public let title: String
    public let inputs: Int
    public let outputs: Int
    /// Rows x inputs and rows x outputs, row-major.
    public let x: [Float]
    public let y: [Float]
    public let validationX: [Float]
    public let validationY: [Float]
    /// Where the page samples the network: an even grid over the inputs' span (1-D: a line,
    /// 2-D: `probeSide` x `probeSide` points row by row, y from top), or the first validation images.
    public let probes: [Float]
    public let probeSide: Int
    /// The span of each input the probes cover: [low, high] per input (1-D and 2-D tasks).
    public let span: [[Double]]

    public var rows: Int { x.count / inputs }
    public var validationRows: Int { validationX.count / inputs }
    public var probeCount: Int { probes.count / inputs }

    /// The 1-D tasks sample this many probe points, the 2-D tasks a square of this side.
    public static let lineProbes = 120
    public static let gridSide = 36
    public static let mnistProbes = 16

    /// Makes the data of `config.task` (already validated). `mnist` loads images through the
    /// closure, which the server backs with a cached copy of the files.
    public init(config: TrainingConfig, mnist: (@Sendable () throws -> MNIST)? = nil) throws(PlaygroundError) {
        guard let kind = Kind(rawValue: config.task) else { throw PlaygroundError("task: unknown '\(config.task)'") }
        self.kind = kind
        switch kind {
        case .cos, .sin, .abs, .step, .expression:
            let target: CurveTarget
            do { target = try CurveTarget(kind == .expression ? config.expression : kind.rawValue) } catch {
                if let e = (error as? CurveFitError) { throw PlaygroundError("target: " + e.description, detail: Self.caret(config.expression)) }
                throw PlaygroundError("target: \(error)")
            }
            let n = config.points ?? 100
            // The article's points: linspace(0, 2 pi, n); validation at the midpoints between them.
            let xs = (0..<n).map { 2 * Double.pi * Double($0) / Double(n - 1) }
            let mids = zip(xs, xs.dropFirst()).map { ($0 + $1) / 2 }
            let line = (0..<Self.lineProbes).map { 2 * Double.pi * Double($0) / Double(Self.lineProbes - 1) }
            let (ys, vys): ([Double], [Double])
            do { (ys, vys) = (try target.values(at: xs), try target.values(at: mids)) } catch {
                throw PlaygroundError("target: \(error)")
            }
            title = target.formula
            inputs = 1
            outputs = 1
            (x, y) = (xs.map(Float.init), ys.map(Float.init))
            (validationX, validationY) = (mids.map(Float.init), vys.map(Float.init))
            probes = line.map(Float.init)
            probeSide = Self.lineProbes
            span = [[0, 2 * Double.pi]]
        case .circles, .xor, .spirals, .blobs, .classification:
            let n = config.points ?? 400
            let validation = max(n / 4, 10)
            let all = try Self.points(kind, count: n + validation, seed: config.dataSeed)
            title = kind.rawValue
            inputs = 2
            outputs = 1
            x = Array(all.x.prefix(2 * n))
            y = Array(all.y.prefix(n))
            validationX = Array(all.x.dropFirst(2 * n))
            validationY = Array(all.y.dropFirst(n))
            var lows = [Double](repeating: .infinity, count: 2), highs = [Double](repeating: -.infinity, count: 2)
            for (i, v) in all.x.enumerated() {
                lows[i % 2] = min(lows[i % 2], Double(v))
                highs[i % 2] = max(highs[i % 2], Double(v))
            }
            // A margin around the data, so the boundary is seen beyond the outermost points.
            span = (0..<2).map { let m = (highs[$0] - lows[$0]) * 0.1 + 1e-3; return [lows[$0] - m, highs[$0] + m] }
            let side = Self.gridSide
            var grid: [Float] = []
            grid.reserveCapacity(side * side * 2)
            for r in 0..<side {
                for c in 0..<side {
                    grid.append(Float(span[0][0] + (span[0][1] - span[0][0]) * Double(c) / Double(side - 1)))
                    grid.append(Float(span[1][1] - (span[1][1] - span[1][0]) * Double(r) / Double(side - 1)))
                }
            }
            probes = grid
            probeSide = side
        case .mnist:
            guard let mnist else { throw PlaygroundError("task mnist: this server was started without MNIST data") }
            let n = config.points ?? 1_000
            let data: MNIST
            do { data = try mnist() } catch { throw PlaygroundError("task mnist: \(error)".split(separator: "\n").joined(separator: " ")) }
            let train = min(n, data.trainImages.rows), test = min(max(n / 5, Self.mnistProbes), data.testImages.rows)
            let width = data.trainImages.rowLength
            title = "MNIST, \(train) training and \(test) validation images"
            inputs = width
            outputs = data.classCount
            x = Array(data.trainImages.buffer.prefix(train * width))
            y = Self.oneHot(data.trainLabels.prefix(train), classes: data.classCount)
            validationX = Array(data.testImages.buffer.prefix(test * width))
            validationY = Self.oneHot(data.testLabels.prefix(test), classes: data.classCount)
            probes = Array(validationX.prefix(Self.mnistProbes * width))
            probeSide = Self.mnistProbes
            span = []
        }
    }

    /// The caret excerpt of a malformed expression, when the text is one.
    static func caret(_ text: String) -> String? {
        do { _ = try ActivationChoice(text).resolve() } catch { return error.detail }
        return nil
    }

    static func oneHot(_ labels: ArraySlice<Int>, classes: Int) -> [Float] {
        var y = [Float](repeating: 0, count: labels.count * classes)
        for (i, label) in labels.enumerated() where (0..<classes).contains(label) { y[i * classes + label] = 1 }
        return y
    }

    /// `count` labelled points of a 2-D set, interleaved x (count x 2) and y (count x 1, 0 or 1).
    static func points(_ kind: Kind, count n: Int, seed: UInt64) throws(PlaygroundError) -> (x: [Float], y: [Float]) {
        var rng = RandomGenerator(seed: seed)
        var x = [Float](), y = [Float]()
        x.reserveCapacity(2 * n)
        y.reserveCapacity(n)
        func add(_ a: Float, _ b: Float, _ label: Float) { x += [a, b]; y.append(label) }
        switch kind {
        case .circles:
            // scikit-learn's make_circles(factor: 0.5, noise: 0.08): the inner circle is class 1.
            for i in 0..<n {
                let inner = i % 2 == 1, angle = rng.uniform(0, 2 * .pi), r: Float = inner ? 0.5 : 1
                add(r * cos(angle) + 0.08 * rng.normal(), r * sin(angle) + 0.08 * rng.normal(), inner ? 1 : 0)
            }
        case .xor:
            for _ in 0..<n {
                let a = rng.uniform(-1, 1), b = rng.uniform(-1, 1)
                add(a, b, a * b > 0 ? 1 : 0)
            }
        case .spirals:
            // TensorFlow Playground's two spirals, scaled to about [-1, 1].
            for i in 0..<n {
                let label = i % 2, t = Float(i / 2) / Float(max(n / 2, 1))
                let r = t, angle = 1.75 * t * 2 * .pi + Float(label) * .pi
                add(r * sin(angle) + 0.02 * rng.normal(), r * cos(angle) + 0.02 * rng.normal(), Float(label))
            }
        case .blobs:
            for i in 0..<n {
                let label = i % 2, centre: Float = label == 1 ? 0.6 : -0.6
                add(centre + 0.35 * rng.normal(), centre + 0.35 * rng.normal(), Float(label))
            }
        case .classification:
            do {
                let (tx, ty) = try makeClassification(nSamples: n, nFeatures: 2, nInformative: 2, nRedundant: 0,
                                                      nClasses: 2, nClustersPerClass: 1, seed: seed)
                return (tx.scalars, ty.scalars)
            } catch {
                throw PlaygroundError("classification data: \(error)")
            }
        default:
            throw PlaygroundError("task \(kind.rawValue) has no 2-D points")
        }
        return (x, y)
    }
}
