import Activations
import Dispatch
import Foundation
import Layers
import Synchronization

/// Experiment C: fit a curve with Dense(2, A) -> Dense(1), once per activation and seed, to see
/// each hidden unit as a shifted, scaled copy of A and the fit as their sum; across seeds,
/// how often relu units die and whether leaky relu avoids it.
public struct CurveFit: Sendable {
    /// The article's set-up, every number a Keras default or the article's choice.
    public struct Configuration: Codable, Sendable, Equatable {
        public var target = "cos"
        public var activations = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "swish"]
        /// Evenly spaced x on [0, 2 pi], ends included (NumPy `linspace`).
        public var points = 100
        public var units = 2
        public var epochs = 300
        public var batchSize = 32
        public var learningRate: Float = 0.04
        /// The first seed; runs use seed, seed + 1, ... (wrapping).
        public var seed: UInt64 = 0
        public var seeds = 10
        /// A run "fits" when its final MSE is below this.
        public var fitThreshold = 0.01
        public init() {}
    }

    /// One trained network: its final MSE over all points and its weights (Keras layout).
    public struct Run: Codable, Sendable, Equatable {
        public var activation: String
        public var seed: UInt64
        public var finalMSE: Double
        /// Hidden units that pass no gradient on any input (a relu unit that outputs zero
        /// everywhere): they can never recover. Nil for activations that are not element-wise.
        public var deadUnits: Int?
        public var hiddenKernel: [Float]
        public var hiddenBias: [Float]
        public var outputKernel: [Float]
        public var outputBias: [Float]
        /// `tiny` (TinyDenseTrainer) or `sequential` (Sequential.fit, for row-wise or noisy activations).
        public var trainer: String
    }

    /// Per activation: the final-MSE distribution over seeds and the two counts the article's story needs.
    public struct Summary: Codable, Sendable, Equatable {
        public var activation: String
        public var runs: Int
        public var medianMSE: Double
        public var lowerQuartileMSE: Double
        public var upperQuartileMSE: Double
        public var minimumMSE: Double
        public var maximumMSE: Double
        public var runsWithDeadUnit: Int?
        public var runsBelowThreshold: Int
    }

    /// Everything `actlab fit` prints and saves.
    public struct Results: Codable, Sendable {
        public var configuration: Configuration
        public var targetFormula: String
        public var x: [Double]
        public var y: [Double]
        public var runs: [Run]
        public var summaries: [Summary]
        /// Wall time of all the training, both cores.
        public var seconds: Double
        /// False when a cancellation stopped it: `runs` holds only the finished ones.
        public var complete: Bool
    }

    public let configuration: Configuration
    public let target: CurveTarget
    public let activations: [any ActivationFunction]
    public let x: [Double]
    public let y: [Double]

    /// Reads the target and the activations and checks every number, so that `run` only trains.
    public init(configuration c: Configuration) throws {
        guard !c.activations.isEmpty else { throw CurveFitError("at least one activation is needed") }
        if let twice = c.activations.enumerated().first(where: { c.activations.prefix($0.offset).contains($0.element) }) {
            throw CurveFitError("activation '\(twice.element)' is listed twice")
        }
        guard (2...100_000).contains(c.points) else { throw CurveFitError("points must be from 2 to 100,000, got \(c.points)") }
        guard (1...1_000).contains(c.units) else { throw CurveFitError("units must be from 1 to 1,000, got \(c.units)") }
        guard c.epochs > 0, c.batchSize > 0, c.seeds > 0 else {
            throw CurveFitError("epochs, batch size and seeds must be positive, got \(c.epochs), \(c.batchSize), \(c.seeds)")
        }
        guard c.learningRate.isFinite, c.learningRate > 0 else { throw CurveFitError("the learning rate must be a positive finite number, got \(c.learningRate)") }
        configuration = c
        target = try CurveTarget(c.target)
        activations = try c.activations.map { name in
            let f: any ActivationFunction
            do { f = try Activation.named(name) } catch { throw CurveFitError("activation '\(name)': \(oneLine(error))") }
            do { try f.validateColumns(c.units) } catch { throw CurveFitError("activation '\(name)' cannot take \(c.units) hidden units: \(error)") }
            return f
        }
        x = (0..<c.points).map { Double($0) * 2 * Double.pi / Double(c.points - 1) }
        y = try target.values(at: x)
    }

    /// Trains every activation with every seed, seeds side by side on all cores (each fit on
    /// one thread). A cancelled token stops starting new runs.
    public func run(cancellation: CancellationToken? = nil) throws -> Results {
        let c = configuration
        let jobs = activations.indices.flatMap { a in (0..<c.seeds).map { (a, c.seed &+ UInt64($0)) } }
        let xf = x.map(Float.init), yf = y.map(Float.init)
        let slots = Mutex<[Int: Result<Run, any Error>]>([:])
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            if cancellation?.isCancelled == true { return }
            let (a, seed) = jobs[i]
            let result = Result { try Self.train(activations[a], name: c.activations[a], seed: seed, x: xf, y: yf, configuration: c) }
            slots.withLock { $0[i] = result }
        }
        let elapsed = ContinuousClock.now - start
        let finished = slots.withLock { $0 }
        let runs = try jobs.indices.compactMap { try finished[$0]?.get() }
        return Results(configuration: c, targetFormula: target.formula, x: x, y: y, runs: runs,
                       summaries: Self.summaries(runs, names: c.activations, threshold: c.fitThreshold),
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
                       complete: runs.count == jobs.count)
    }

    /// One network trained on (x, y): through `TinyDenseTrainer` when the activation allows,
    /// else through `Sequential.fit`; both give the same weights for the same seed.
    public static func train(_ activation: any ActivationFunction, name: String, seed: UInt64, x: [Float], y: [Float],
                             configuration c: Configuration) throws -> Run {
        let adam = Adam(learningRate: c.learningRate)
        var weights: [[Float]]
        let trainer: String
        if TinyDenseTrainer.supports(activation) {
            let net = try TinyDenseTrainer(inputs: 1, layers: [.init(units: c.units, activation: activation), .init(units: 1)], seed: seed)
            try net.fit(x: x, y: y, epochs: c.epochs, batchSize: c.batchSize, optimizer: adam)
            weights = [net.kernels[0], net.biases[0], net.kernels[1], net.biases[1]]
            trainer = "tiny"
        } else {
            let model = Sequential(seed: seed) {
                Dense(c.units, activation: activation, inputShape: [1])
                Dense(1)
            }
            try model.compile(optimizer: adam, loss: MeanSquaredError())
            try model.fit(x: .init(shape: [x.count, 1], scalars: x), y: .init(shape: [y.count, 1], scalars: y),
                          epochs: c.epochs, batchSize: min(c.batchSize, x.count))
            weights = model.weights.map(\.scalars)
            trainer = "sequential"
        }
        var run = Run(activation: name, seed: seed, finalMSE: 0, deadUnits: nil, hiddenKernel: weights[0], hiddenBias: weights[1],
                      outputKernel: weights[2], outputBias: weights[3], trainer: trainer)
        let curves = Self.curves(of: run, activation: activation, at: x.map(Double.init))
        run.finalMSE = zip(curves.fit, y).reduce(0) { $0 + (Double(Float($1.0)) - Double($1.1)) * (Double(Float($1.0)) - Double($1.1)) } / Double(y.count)
        run.deadUnits = curves.deadUnits
        return run
    }
}
