import Tensors

/// Keras `Dropout`: in training, each value is zeroed with probability `rate` and the rest are
/// scaled by 1 / (1 - rate) (inverted dropout), so inference is the identity. The mask comes
/// from a generator seeded by `seed` or, when nil, by the model's generator at build time.
public final class Dropout: RegisteredLayer {
    public static let typeName = "Dropout"
    public var name: String
    public let rate: Float
    public let seed: UInt64?
    public private(set) var outputShape: [Int] = []
    public var parameters: [Parameter] { [] }

    private var rng = RandomGenerator(seed: 0)
    /// 0 or 1 / (1 - rate) per value of the last training pass.
    private var mask: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?
    private var lastWasTraining = false
    /// Fixed, not per core, so a seed gives the same masks on every machine.
    private static let streams = 8

    public init(_ rate: Float, seed: UInt64? = nil, name: String = "") {
        self.rate = rate
        self.seed = seed
        self.name = name
    }

    /// Keras `get_config`: rate and seed.
    public struct Configuration: Codable, Sendable {
        public var rate: Float
        public var seed: UInt64?
    }

    public var configuration: Configuration { Configuration(rate: rate, seed: seed) }

    public convenience init(configuration c: Configuration, name: String) throws {
        self.init(c.rate, seed: c.seed, name: name)
    }

    public func plan(inputShape: [Int]) throws -> LayerPlan {
        guard rate >= 0, rate < 1 else {
            throw LayerError.invalidArgument(layer: name, message: "rate must be in [0, 1), got \(rate)")
        }
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.shapeMismatch(layer: name, expected: "a non-empty per-sample shape of positive sizes", got: inputShape)
        }
        return try LayerPlan(layer: name, outputShape: inputShape, trainable: [])
    }

    public func build(inputShape: [Int], rng model: inout RandomGenerator) throws {
        outputShape = try plan(inputShape: inputShape).outputShape
        rng = RandomGenerator(seed: seed ?? model.next())
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        lastWasTraining = training && rate > 0
        guard lastWasTraining else { return input }
        let n = input.rows, count = input.count
        let m = ensure(&mask, rows: n, rowShape: outputShape)
        let y = ensure(&output, rows: n, rowShape: outputShape)
        let base = rng.next(), streams = Self.streams
        // Keep a value when its 24 random bits reach rate * 2^24.
        let threshold = UInt64((Double(rate) * 0x1p24).rounded(.up)), keep = 1 / (1 - rate)
        nonisolated(unsafe) let (x, mp, yp) = (input.pointer, m.pointer, y.pointer)
        // The streams are the same either way; small tensors draw them all on this thread.
        @Sendable func draw(_ p: Int) {
            var g = RandomGenerator(seed: base &+ UInt64(p) &* 0x9E37_79B9_7F4A_7C15)
            for i in (count * p / streams)..<(count * (p + 1) / streams) {
                let s: Float = g.next() >> 40 >= threshold ? keep : 0
                mp[i] = s
                yp[i] = x[i] * s
            }
        }
        if count >= Parallel.minimumElementsPerThread { Parallel.run(parts: streams) { draw($0) } } else { for p in 0..<streams { draw(p) } }
        return y
    }

    public func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard needInputGradient else { return nil }
        guard lastWasTraining else { return gradOutput }
        let dx = ensure(&gradInput, rows: gradOutput.rows, rowShape: outputShape)
        nonisolated(unsafe) let (dy, mp, d) = (gradOutput.pointer, mask!.pointer, dx.pointer)
        Parallel.forEachChunk(gradOutput.count) { range in for i in range { d[i] = dy[i] * mp[i] } }
        return dx
    }
}

extension Dropout: RandomStateLayer {
    public var randomState: [UInt64] {
        get { rng.state }
        set { if let g = RandomGenerator(state: newValue) { rng = g } }
    }
}
