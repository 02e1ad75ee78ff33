import Foundation

/// What the page asks to train: a task, the hidden layers, the optimizer and the run's numbers.
/// Missing fields take the article's cos-fit defaults (Dense(2, relu) -> Dense(1), Adam 0.04,
/// batch 32, 300 epochs), so `{}` is a valid request.
public struct TrainingConfig: Codable, Sendable, Equatable {
    /// A hidden Dense layer.
    public struct Hidden: Codable, Sendable, Equatable {
        public var units: Int
        public var activation: ActivationChoice
        public init(units: Int, activation: ActivationChoice) {
            self.units = units
            self.activation = activation
        }
    }

    public var task = "cos"
    /// The target of the `expression` task, e.g. `sin(2*x) + 1`.
    public var expression = ""
    public var hidden = [Hidden(units: 2, activation: ActivationChoice("relu"))]
    public var optimizer = "adam"
    public var learningRate = 0.04
    public var batchSize = 32
    public var epochs = 300
    /// Seeds the weights and the shuffles; the data have their own seed so that a reset with a
    /// new seed retrains on the same points.
    public var seed: UInt64 = 0
    public var dataSeed: UInt64 = 1
    /// Training points (images for MNIST); nil for the task's default.
    public var points: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case task, expression, hidden, optimizer, learningRate, batchSize, epochs, seed, dataSeed, points
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TrainingConfig()
        task = try c.decodeIfPresent(String.self, forKey: .task) ?? d.task
        expression = try c.decodeIfPresent(String.self, forKey: .expression) ?? d.expression
        hidden = try c.decodeIfPresent([Hidden].self, forKey: .hidden) ?? d.hidden
        optimizer = try c.decodeIfPresent(String.self, forKey: .optimizer) ?? d.optimizer
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? d.epochs
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        dataSeed = try c.decodeIfPresent(UInt64.self, forKey: .dataSeed) ?? d.dataSeed
        points = try c.decodeIfPresent(Int.self, forKey: .points)
    }

    /// The numbers checked against `PlaygroundLimits`, each failure one line naming the field.
    public func validate() throws(PlaygroundError) {
        guard let kind = PlaygroundTask.Kind(rawValue: task) else {
            throw PlaygroundError("task: expected one of \(PlaygroundTask.Kind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(Quoted.clip(task))'")
        }
        try check("hidden layers", hidden.count, PlaygroundLimits.hiddenLayers)
        for (i, layer) in hidden.enumerated() {
            try check("layer \(i + 1) units", layer.units, PlaygroundLimits.units)
        }
        guard ["sgd", "adam", "rmsprop"].contains(optimizer) else {
            throw PlaygroundError("optimizer: expected sgd, adam or rmsprop, got '\(Quoted.clip(optimizer))'")
        }
        guard learningRate.isFinite, PlaygroundLimits.learningRate.contains(learningRate) else {
            throw PlaygroundError("learning rate: expected a number from \(PlaygroundLimits.learningRate.lowerBound) to \(PlaygroundLimits.learningRate.upperBound), got \(learningRate)")
        }
        try check("batch size", batchSize, PlaygroundLimits.batchSize)
        try check("epochs", epochs, PlaygroundLimits.epochs)
        if let points {
            try check(kind == .mnist ? "images" : "points", points, kind == .mnist ? PlaygroundLimits.images : PlaygroundLimits.points)
        }
        if kind == .expression {
            guard !expression.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw PlaygroundError("expression: the expression task needs a target such as sin(2*x) + 1")
            }
            guard expression.count <= PlaygroundLimits.expressionLength else {
                throw PlaygroundError("expression: at most \(PlaygroundLimits.expressionLength) characters, got \(expression.count)")
            }
        }
    }

    private func check(_ field: String, _ value: Int, _ range: ClosedRange<Int>) throws(PlaygroundError) {
        guard range.contains(value) else {
            throw PlaygroundError("\(field): expected \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
    }
}

/// A user's text quoted in a message, cut short when long.
enum Quoted {
    static func clip(_ text: String) -> String { text.count <= 40 ? text : text.prefix(37) + "..." }
}
