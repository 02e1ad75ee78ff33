import Layers

/// An experiment a sweep can run: a new one is a new file conforming to this plus one
/// `SweepTasks.register(MyTask.self)` call (or an entry in `SweepTasks.builtIn`).
public protocol SweepTask: Sendable {
    /// The name sweep files use: `synthetic`, `curve-fit`, `mnist-mlp`, `deep-mlp`, `digits-cnn`.
    static var id: String { get }
    /// One line for `actlab sweep plan` and error messages.
    static var summary: String { get }
    /// The models it can train; the first is the default.
    static var models: [String] { get }
    /// Every grid parameter it takes, with defaults.
    static var parameters: [SweepParameter] { get }
    /// The metrics each run reports, the headline first (it heads the collected table and the charts).
    static var metrics: [String] { get }
    /// Whether a higher value of the headline metric is better (accuracy) or a lower one (loss).
    static var higherIsBetter: Bool { get }
    /// Checks a whole run before any trains (sizes against `MemoryBudget`, combinations); the
    /// message need not name the file, the planner adds that.
    static func validate(_ run: SweepRun) throws
    /// Whether the run is so small that one per core beats splitting it over the cores.
    static func isSmall(_ run: SweepRun) -> Bool
    /// Trains and measures the run; deterministic for a given run (same seed, same numbers).
    static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement
}

extension SweepTask {
    public static var higherIsBetter: Bool { true }
    public static func validate(_ run: SweepRun) throws {}
    public static func isSmall(_ run: SweepRun) -> Bool { false }
}

/// What runs are given: where data lives and how to stop them.
public struct SweepContext: Sendable {
    /// Data folders by name: `mnist` (IDX files).
    public var dataFolders: [String: String]
    /// Stops the runs in progress after their current batch; they are then not recorded.
    public var cancellation: CancellationToken?

    public init(dataFolders: [String: String] = [:], cancellation: CancellationToken? = nil) {
        self.dataFolders = dataFolders
        self.cancellation = cancellation
    }

    /// The data folder called `name`, or an error naming what is missing.
    public func dataFolder(_ name: String) throws -> String {
        guard let folder = dataFolders[name] else { throw SweepError("no \(name) data folder given") }
        return folder
    }
}

/// What a task measured in one run: named final figures and per-epoch curves.
public struct SweepMeasurement: Codable, Sendable, Equatable {
    /// Final figures by name (`test_accuracy`, `test_loss`, `final_mse`).
    public var metrics: [String: Double]
    /// Per-epoch curves by Keras's history names (`loss`, `val_accuracy`).
    public var history: [String: [Double]]

    public init(metrics: [String: Double], history: [String: [Double]] = [:]) {
        self.metrics = metrics
        self.history = history
    }

    /// The curves of a training `History` (its timings left out: they differ between machines).
    public init(metrics: [String: Double], history: History) {
        self.metrics = metrics
        self.history = Dictionary(uniqueKeysWithValues: history.keys.map { ($0, history[$0]) })
    }
}
