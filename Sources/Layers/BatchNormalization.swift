import Tensors

/// Keras `BatchNormalization` over the last axis: y = gamma (x - mean) / sqrt(var + epsilon) + beta.
/// In training, mean and variance are the batch's (per channel, over every other axis) and the
/// moving statistics follow moving = momentum * moving + (1 - momentum) * batch (the biased
/// variance, as Keras); in inference the moving statistics are used. gamma and beta are
/// trained; moving mean and variance are non-trainable `state`.
public final class BatchNormalization: RegisteredLayer {
    public static let typeName = "BatchNormalization"
    public var name: String
    public let axis: Int
    public let momentum: Float
    public let epsilon: Float
    public let declaredInputShape: [Int]?
    public private(set) var gamma: Parameter!
    public private(set) var beta: Parameter!
    public private(set) var movingMean: Parameter!
    public private(set) var movingVariance: Parameter!
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { gamma.map { [$0, beta] } ?? [] }
    public var state: [Parameter] { movingMean.map { [$0, movingVariance] } ?? [] }

    private(set) var channels = 0
    private var output: Tensor?
    private var normalized: Tensor?
    private var gradInput: Tensor?
    /// Per channel: mean, 1/std, then scale and shift of the last forward pass.
    private(set) var statistics: Tensor?
    /// Per part and channel: partial sums, so both cores reduce rows at once.
    private var partials: Tensor?
    private var lastWasTraining = false
    private var lastInput: Tensor?
    private var gradientSums: Tensor?

    public init(axis: Int = -1, momentum: Float = 0.99, epsilon: Float = 1e-3, inputShape: [Int]? = nil, name: String = "") {
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.declaredInputShape = inputShape
        self.name = name
    }

    /// Keras `get_config` (center and scale always on).
    public struct Configuration: Codable, Sendable {
        public var axis: Int?
        public var momentum: Float?
        public var epsilon: Float?
        public var inputShape: [Int]?
        enum CodingKeys: String, CodingKey { case axis, momentum, epsilon, inputShape = "input_shape" }
    }

    public var configuration: Configuration {
        Configuration(axis: axis, momentum: momentum, epsilon: epsilon, inputShape: declaredInputShape)
    }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(axis: c.axis ?? -1, momentum: c.momentum ?? 0.99, epsilon: c.epsilon ?? 1e-3, inputShape: c.inputShape, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty per-sample shape of positive sizes", got: inputShape)
        }
        // Keras counts the batch axis as 0, so the last axis is -1 or inputShape.count.
        guard axis == -1 || axis == inputShape.count else {
            throw LayerError.invalidArgument(layer: name, message: "axis \(axis) is not supported; only the last (channel) axis, -1, is")
        }
        guard (0...1).contains(momentum), epsilon > 0, epsilon.isFinite else {
            throw LayerError.invalidArgument(layer: name, message: "momentum must be in [0, 1] and epsilon positive, got \(momentum) and \(epsilon)")
        }
        let c = [inputShape[inputShape.count - 1]]
        return try LayerPlan(layer: name, outputShape: inputShape, trainable: [c, c], state: [c, c])
    }

    public func build(inputShape: [Int], rng: inout RandomGenerator) throws {
        outputShape = try plan(inputShape: inputShape).outputShape
        channels = inputShape[inputShape.count - 1]
        gamma = Parameter(name: "gamma", value: Tensor(repeating: 1, shape: [channels]))
        beta = Parameter(name: "beta", value: Tensor(zeros: [channels]))
        movingMean = Parameter(name: "moving_mean", value: Tensor(zeros: [channels]), trainable: false)
        movingVariance = Parameter(name: "moving_variance", value: Tensor(repeating: 1, shape: [channels]), trainable: false)
        statistics = Tensor(zeros: [4, channels])
    }

    private static let parts = 4 * Parallel.coreCount

    /// Sums `term(row pointer, channel)` over all rows per channel into `into`, in parallel.
    private func columnSums(rows: Int, into sums: UnsafeMutablePointer<Float>, count: Int = 1,
                           _ body: @Sendable (Range<Int>, UnsafeMutablePointer<Float>) -> Void) {
        let c = channels
        let parts = rows * c >= Parallel.minimumElementsPerThread ? Self.parts : 1
        let partial = ensure(&partials, rows: Self.parts, rowShape: [count * c])
        nonisolated(unsafe) let p = partial.pointer
        Parallel.run(parts: parts) { k in
            let acc = p + k * count * c
            acc.update(repeating: 0, count: count * c)
            body((rows * k / parts)..<(rows * (k + 1) / parts), acc)
        }
        for j in 0..<(count * c) {
            var s: Float = 0
            for k in 0..<parts { s += p[k * count * c + j] }
            sums[j] = s
        }
    }

    /// Per channel, the mean and the sum of squared deviations from it, in one pass over memory:
    /// each part takes its rows twice while they are in cache (mean, then deviations), and the
    /// parts are merged by Chan's rule, so the result is as exact as two full passes.
    private func batchStatistics(_ x: UnsafeMutablePointer<Float>, rows: Int, mean: UnsafeMutablePointer<Float>,
                                 squares: UnsafeMutablePointer<Float>) {
        let c = channels
        let parts = rows * c >= Parallel.minimumElementsPerThread ? min(Self.parts, rows) : 1
        let partial = ensure(&partials, rows: Self.parts, rowShape: [2 * c])
        nonisolated(unsafe) let (p, xp) = (partial.pointer, x)
        Parallel.run(parts: parts) { k in
            let range = (rows * k / parts)..<(rows * (k + 1) / parts)
            let m = p + k * 2 * c, q = m + c
            m.update(repeating: 0, count: 2 * c)
            for r in range { let v = xp + r * c; for j in 0..<c { m[j] += v[j] } }
            let inverse = 1 / Float(max(range.count, 1))
            for j in 0..<c { m[j] *= inverse }
            for r in range { let v = xp + r * c; for j in 0..<c { let d = v[j] - m[j]; q[j] += d * d } }
        }
        for j in 0..<c {
            var total: Float = 0
            for k in 0..<parts { total += p[k * 2 * c + j] * Float(rows * (k + 1) / parts - rows * k / parts) }
            let mu = total / Float(rows)
            var m2: Float = 0
            for k in 0..<parts {
                let n = Float(rows * (k + 1) / parts - rows * k / parts), d = p[k * 2 * c + j] - mu
                m2 += p[k * 2 * c + c + j] + n * d * d
            }
            mean[j] = mu
            squares[j] = m2
        }
    }

    /// Turns `statistics` into mean, 1/std, scale and shift per channel. In training its first
    /// two rows hold the batch mean and sum of squared deviations over `rows` rows on entry, and
    /// the moving statistics take a step towards them; in inference they come from the moving ones.
    func completeStatistics(training: Bool, rows: Int) {
        let c = channels, st = statistics!.pointer
        let (mean, invStd, scale, shift) = (st, st + c, st + 2 * c, st + 3 * c)
        if training {
            let (mm, mv) = (movingMean.value.pointer, movingVariance.value.pointer)
            for j in 0..<c {
                let variance = max(invStd[j], 0) / Float(rows)
                mm[j] = momentum * mm[j] + (1 - momentum) * mean[j]
                mv[j] = momentum * mv[j] + (1 - momentum) * variance
                invStd[j] = 1 / (variance + epsilon).squareRoot()
            }
        } else {
            for j in 0..<c {
                mean[j] = movingMean.value[j]
                invStd[j] = 1 / (movingVariance.value[j] + epsilon).squareRoot()
            }
        }
        for j in 0..<c {
            scale[j] = gamma.value[j] * invStd[j]
            shift[j] = beta.value[j] - mean[j] * scale[j]
        }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let c = channels, rows = input.count / c
        let y = ensure(&output, rows: input.rows, rowShape: outputShape)
        let stats = statistics!
        nonisolated(unsafe) let (x, yp, st) = (input.pointer, y.pointer, stats.pointer)
        nonisolated(unsafe) let (mean, invStd, scale, shift) = (st, st + c, st + 2 * c, st + 3 * c)
        lastWasTraining = training
        lastInput = input
        if training { batchStatistics(x, rows: rows, mean: mean, squares: invStd) }
        completeStatistics(training: training, rows: rows)
        // Training keeps x̂ for the backward pass.
        let xhat = training ? ensure(&normalized, rows: input.rows, rowShape: outputShape).pointer : yp
        nonisolated(unsafe) let xh = xhat
        forEachRowChunk(rows) { range in
            for r in range {
                let v = x + r * c, out = yp + r * c, h = xh + r * c
                if training { for j in 0..<c { h[j] = (v[j] - mean[j]) * invStd[j] } }
                for j in 0..<c { out[j] = v[j] * scale[j] + shift[j] }
            }
        }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let x = lastInput else { preconditionFailure("BatchNormalization.backward before forward") }
        let c = channels, rows = gradOutput.count / c
        nonisolated(unsafe) let (dy, xp, st) = (gradOutput.pointer, x.pointer, statistics!.pointer)
        nonisolated(unsafe) let (mean, invStd, scale) = (st, st + c, st + 2 * c)
        let training = lastWasTraining
        // x̂ as the forward pass saw it: kept in training, recomputed after an inference pass.
        nonisolated(unsafe) let xh = training ? normalized!.pointer : xp
        // dbeta = Σ dy and dgamma = Σ dy x̂ in one pass: the first c sums, then the next c.
        let sums = ensure(&gradientSums, rows: 2, rowShape: [c])
        columnSums(rows: rows, into: sums.pointer, count: 2) { range, acc in
            for r in range {
                let d = dy + r * c, h = xh + r * c
                for j in 0..<c { acc[j] += d[j] }
                if training {
                    for j in 0..<c { acc[c + j] += d[j] * h[j] }
                } else {
                    for j in 0..<c { acc[c + j] += d[j] * (h[j] - mean[j]) * invStd[j] }
                }
            }
        }
        beta.gradient.pointer.update(from: sums.pointer, count: c)
        gamma.gradient.pointer.update(from: sums.pointer + c, count: c)
        guard needInputGradient else { return nil }
        let dx = ensure(&gradInput, rows: gradOutput.rows, rowShape: outputShape)
        nonisolated(unsafe) let (dxp, db, dg) = (dx.pointer, beta.gradient.pointer, gamma.gradient.pointer)
        let inverseRows = 1 / Float(rows)
        forEachRowChunk(rows) { range in
            for r in range {
                let d = dy + r * c, out = dxp + r * c, h = xh + r * c
                if training {
                    // dx = gamma / std (dy - mean(dy) - x̂ mean(dy x̂)): the batch statistics depend on x.
                    for j in 0..<c { out[j] = scale[j] * (d[j] - (db[j] + h[j] * dg[j]) * inverseRows) }
                } else {
                    // After an inference pass the layer is the fixed map x * scale + shift.
                    for j in 0..<c { out[j] = d[j] * scale[j] }
                }
            }
        }
        return dx
    }

    private func forEachRowChunk(_ rows: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let parts = rows * channels >= Parallel.minimumElementsPerThread ? Self.parts : 1
        Parallel.run(parts: parts) { k in body((rows * k / parts)..<(rows * (k + 1) / parts)) }
    }
}
