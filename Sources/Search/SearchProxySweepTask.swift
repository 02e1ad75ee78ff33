import Activations
import Sweeps

/// `search-proxy`: one evaluation of a search as a sweep run. The run's activation is the
/// candidate expression, its seed the evaluation seed, its model the proxy (`cheap` or `deep`)
/// and its parameters the rest of the proxy's `ProxyConfiguration`; its metrics are the proxy's.
/// The defaults are the cheap proxy's on the quick synthetic data; a sweep file for the deep
/// proxy states its network.
public enum SearchProxySweepTask: SweepTask {
    public static let id = "search-proxy"
    public static let summary = "one activation-search evaluation on the cheap or deep proxy"
    public static let models = ProxyConfiguration.Kind.allCases.map(\.rawValue)
    public static let metrics = ["val_accuracy", "test_accuracy", "loss"]

    public static let parameters: [SweepParameter] = {
        let d = ProxyConfiguration(kind: .cheap, source: .synthetic)
        return [
            SweepParameter("data", .choice(ProxyConfiguration.Source.allCases.map(\.rawValue)), default: .text(d.source.rawValue), help: "synthetic or mnist"),
            SweepParameter("rows", .whole(1...1_000_000), default: .number(Double(d.rows)), help: "synthetic training rows"),
            SweepParameter("features", .whole(6...4_096), default: .number(Double(d.features)), help: "synthetic features (4 informative, 2 redundant)"),
            SweepParameter("data_seed", .whole(0...1_000_000_000), default: .number(Double(d.dataSeed)), help: "synthetic data seed"),
            SweepParameter("train_rows", .whole(1...60_000), default: .number(Double(d.trainRows)), help: "MNIST training images"),
            SweepParameter("validation_rows", .whole(1...60_000), default: .number(Double(d.validationRows)), help: "MNIST validation images after them"),
            SweepParameter("train_limit", .whole(0...60_000), default: .number(Double(d.trainLimit)), help: "first training rows used (0: all)"),
            SweepParameter("pool", .whole(1...28), default: .number(Double(d.pool)), help: "images averaged over pool x pool blocks (1: none)"),
            SweepParameter("layers", .whole(1...1_000), default: .number(Double(d.layers)), help: "hidden layers"),
            SweepParameter("units", .whole(1...4_096), default: .number(Double(d.units)), help: "units per hidden layer"),
            SweepParameter("epochs", .whole(1...1_000), default: .number(Double(d.epochs)), help: "training epochs"),
            SweepParameter("batch_size", .whole(1...65_536), default: .number(Double(d.batchSize)), help: "batch size"),
            SweepParameter("learning_rate", .positive(upTo: 10), default: .number(Double(d.learningRate)), help: "Adam's learning rate"),
        ]
    }()

    public static func isSmall(_ run: SweepRun) -> Bool { true }

    public static func validate(_ run: SweepRun) throws { try configuration(run).check() }

    /// The configuration a run states.
    public static func configuration(_ run: SweepRun) -> ProxyConfiguration {
        var c = ProxyConfiguration(kind: ProxyConfiguration.Kind(rawValue: run.model)!, source: ProxyConfiguration.Source(rawValue: run.text("data"))!)
        (c.rows, c.features, c.dataSeed) = (run.whole("rows"), run.whole("features"), UInt64(run.whole("data_seed")))
        (c.trainRows, c.validationRows, c.trainLimit, c.pool) = (run.whole("train_rows"), run.whole("validation_rows"), run.whole("train_limit"), run.whole("pool"))
        (c.layers, c.units, c.epochs, c.batchSize) = (run.whole("layers"), run.whole("units"), run.whole("epochs"), run.whole("batch_size"))
        c.learningRate = Float(run.number("learning_rate"))
        return c
    }

    /// The parameters stating `configuration` (the run's model is its kind).
    public static func parameters(_ c: ProxyConfiguration) -> [String: SweepValue] {
        func n(_ v: Int) -> SweepValue { .number(Double(v)) }
        return ["data": .text(c.source.rawValue), "rows": n(c.rows), "features": n(c.features), "data_seed": .number(Double(c.dataSeed)),
                "train_rows": n(c.trainRows), "validation_rows": n(c.validationRows), "train_limit": n(c.trainLimit), "pool": n(c.pool),
                "layers": n(c.layers), "units": n(c.units), "epochs": n(c.epochs), "batch_size": n(c.batchSize),
                "learning_rate": .number(Double(c.learningRate))]
    }

    public static func run(_ run: SweepRun, context: SweepContext) throws -> SweepMeasurement {
        let c = configuration(run)
        let proxy = try c.make(mnistFolder: c.source == .mnist ? try context.dataFolder("mnist") : nil)
        let m = try proxy.evaluate(try searchActivation(run.activation.name, parameters: run.activation.parameters), seed: run.seed)
        return SweepMeasurement(metrics: ["val_accuracy": m.validationAccuracy, "test_accuracy": m.testAccuracy, "loss": m.trainingLoss])
    }

    /// The activation as the search trains it: an expression compiled to closures.
    static func searchActivation(_ name: String, parameters: [String: Double] = [:]) throws -> any ActivationFunction {
        let activation = try Activation.named(name, parameters: parameters)
        if let expression = activation as? ExpressionActivation { return CompiledExpression(expression) }
        return activation
    }
}

/// Makes the search's sweep tasks known to `SweepTasks`; call once before reading a sweep file.
public enum SearchSweepTasks {
    public static func register() { SweepTasks.register(SearchProxySweepTask.self) }
}
