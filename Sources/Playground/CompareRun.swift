import Experiments
import Foundation
import Layers
import Tensors

/// "Compare": the same task trained with two activations (every hidden layer using one), over
/// several seeds each, on its own thread; the final validation losses summarised with the
/// lab's statistics (mean, spread, Welch + Holm verdict).
public final class CompareRun: Sendable {
    /// One seeded training's final losses.
    public struct Run: Codable, Sendable, Equatable {
        public var activation: String
        public var seed: UInt64
        public var loss: Double
        public var valLoss: Double
    }

    /// Every run and the statistics over the final validation losses.
    public struct Result: Codable, Sendable, Equatable {
        public var runs: [Run]
        public var statistics: SeedStatistics
    }

    public enum Event: Sendable {
        case progress(done: Int, total: Int)
        case finished(Result)
        case failed(PlaygroundError)
    }

    /// Weights x rows x epochs x runs: a comparison's work, bounded so that it ends in seconds.
    public static let maximumWork = 20_000_000_000.0

    public let config: TrainingConfig
    public let task: PlaygroundTask
    public let activations: [ActivationChoice]
    public let seeds: Int
    private let report: @Sendable (Event) -> Void
    private let cancellation = CancellationToken()

    /// Checks the request (two activations, the seed count, the epochs, the total work) before any training.
    public init(config: TrainingConfig, task: PlaygroundTask, activations: [ActivationChoice], seeds: Int,
                report: @escaping @Sendable (Event) -> Void) throws(PlaygroundError) {
        guard activations.count == 2 else { throw PlaygroundError("compare: expected two activations, got \(activations.count)") }
        guard PlaygroundLimits.compareSeeds.contains(seeds) else {
            throw PlaygroundError("compare: seeds must be from \(PlaygroundLimits.compareSeeds.lowerBound) to \(PlaygroundLimits.compareSeeds.upperBound), got \(seeds)")
        }
        guard PlaygroundLimits.compareEpochs.contains(config.epochs) else {
            throw PlaygroundError("compare: epochs must be from \(PlaygroundLimits.compareEpochs.lowerBound) to \(PlaygroundLimits.compareEpochs.upperBound), got \(config.epochs)")
        }
        for a in activations { _ = try a.resolve() }
        var width = task.inputs, weights = 0
        for layer in config.hidden { weights += (width + 1) * layer.units; width = layer.units }
        weights += (width + 1) * task.outputs
        let work = Double(weights) * Double(task.rows) * Double(config.epochs) * Double(2 * seeds)
        guard work <= Self.maximumWork else {
            throw PlaygroundError("compare: \(2 * seeds) runs of \(config.epochs) epochs on this network is too much work; fewer seeds, epochs or units")
        }
        self.config = config
        self.task = task
        self.activations = activations
        self.seeds = seeds
        self.report = report
    }

    /// Starts the comparison's thread; call once. `onExit` runs on that thread as it ends.
    public func start(onExit: @escaping @Sendable () -> Void = {}) {
        TrainingThread.start(name: "playground-compare") { [self] in
            run()
            onExit()
        }
    }

    public func stop() { cancellation.cancel() }

    /// Runs every training on the calling thread and reports the result (also returned, for tests).
    @discardableResult
    public func run() -> Result? {
        let names = Self.groupNames(activations)
        let x = Tensor(shape: [task.rows, task.inputs], scalars: task.x)
        let y = Tensor(shape: [task.rows, task.outputs], scalars: task.y)
        let vx = Tensor(shape: [task.validationRows, task.inputs], scalars: task.validationX)
        let vy = Tensor(shape: [task.validationRows, task.outputs], scalars: task.validationY)
        var runs: [Run] = []
        let total = 2 * seeds
        for (a, activation) in activations.enumerated() {
            for s in 0..<seeds {
                var c = config
                c.seed = config.seed &+ UInt64(s)
                c.hidden = c.hidden.map { TrainingConfig.Hidden(units: $0.units, activation: activation) }
                do {
                    let model = try PlaygroundModel.build(config: c, task: task)
                    let history = try model.fit(x: x, y: y, epochs: c.epochs, batchSize: min(c.batchSize, task.rows),
                                                validationData: (vx, vy), cancellation: cancellation)
                    if cancellation.isCancelled { return nil }
                    runs.append(Run(activation: names[a], seed: c.seed, loss: history["loss"].last ?? .nan,
                                    valLoss: history["val_loss"].last ?? .nan))
                } catch let e as PlaygroundError {
                    report(.failed(e))
                    return nil
                } catch {
                    report(.failed(PlaygroundError("compare: " + "\(error)".split(separator: "\n").joined(separator: " "))))
                    return nil
                }
                report(.progress(done: runs.count, total: total))
            }
        }
        let groups = names.map { name in (name: name, values: runs.filter { $0.activation == name }.map(\.valLoss)) }
        let result = Result(runs: runs, statistics: SeedStatistics(title: "final validation loss", groups: groups))
        report(.finished(result))
        return result
    }

    /// Each activation as `id(k=v, ...)`, told apart with A and B when both read the same.
    static func groupNames(_ activations: [ActivationChoice]) -> [String] {
        let names = activations.map { a in
            a.parameters.isEmpty ? a.name : a.name + "(" + a.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        }
        return names[0] == names[1] ? names.enumerated().map { "\($1) (\($0 == 0 ? "A" : "B"))" } : names
    }
}
