import Layers

/// An experiment the lab report can run: a new one is a new file conforming to this plus one
/// `LabRegistry.register(MyExperiment.self)` call; the report includes every registered experiment.
public protocol LabExperiment {
    /// A short stable id: `mnist-mlp`, `synthetic`, `curve-fit`, `plots`, `depth`, `cnn`.
    static var id: String { get }
    /// The section heading in the report.
    static var title: String { get }
    /// Where the section goes: the report runs and lists experiments by increasing order
    /// (plots 10, mnist-mlp 20, synthetic 30, curve-fit 40, depth 50, cnn 60).
    static var order: Int { get }
    /// The `actlab report` flag that must be given for this experiment to run (e.g. `--with-cnn`
    /// for a long one), or nil when it always runs.
    static var optIn: String? { get }
    /// Runs the experiment (`context.quick`: a subset that keeps the whole report under five
    /// minutes) and returns its section.
    static func run(_ context: LabContext) throws -> LabSection
}

extension LabExperiment {
    public static var optIn: String? { nil }
}

/// What every experiment is run with.
public struct LabContext {
    /// Subsets and fewer epochs, for a report in minutes rather than hours.
    public var quick: Bool
    /// Seeds per configuration (1 = the articles' single run); spread is reported when above 1.
    public var seeds: Int
    /// Data folders by name: `mnist` (IDX files), `digit-recognizer` (Kaggle CSVs).
    public var dataFolders: [String: String]
    /// Callbacks for every fit (progress display).
    public var callbacks: [any Callback]
    /// Stops the experiment in progress after its current batch; its section is then not written.
    public var cancellation: CancellationToken?
    /// Progress messages (which run starts), for the command line to show or not.
    public var progress: (String) -> Void

    public init(quick: Bool, seeds: Int = 1, dataFolders: [String: String] = [:], callbacks: [any Callback] = [],
                cancellation: CancellationToken? = nil, progress: @escaping (String) -> Void = { _ in }) {
        self.quick = quick
        self.seeds = seeds
        self.dataFolders = dataFolders
        self.callbacks = callbacks
        self.cancellation = cancellation
        self.progress = progress
    }

    /// The data folder called `name`, or an error naming what is missing.
    public func dataFolder(_ name: String) throws -> String {
        guard let folder = dataFolders[name] else { throw ExperimentError("no \(name) data folder given") }
        return folder
    }
}
