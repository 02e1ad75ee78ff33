/// A message from the page: `type` says which; the other fields belong to some types only.
///
/// - `train` (config): start a training, replacing this page's current one.
/// - `pause`, `resume`, `step` (one epoch), `stop`.
/// - `reset` (seed, optional): the same training from new weights; the seed defaults to the previous one + 1.
/// - `activation` (activation): the activation panel's data.
/// - `compare` (config, activations, seeds).
public struct ClientMessage: Codable, Sendable, Equatable {
    public var type: String
    public var config: TrainingConfig?
    public var seed: UInt64?
    public var activation: ActivationChoice?
    public var activations: [ActivationChoice]?
    public var seeds: Int?

    public init(type: String, config: TrainingConfig? = nil, seed: UInt64? = nil, activation: ActivationChoice? = nil,
                activations: [ActivationChoice]? = nil, seeds: Int? = nil) {
        self.type = type
        self.config = config
        self.seed = seed
        self.activation = activation
        self.activations = activations
        self.seeds = seeds
    }
}

/// A message to the page; `type` is one of `started`, `snapshot`, `activation`, `progress`,
/// `compare`, `error` and `busy`, and only that type's fields are present.
public struct ServerMessage: Codable, Sendable, Equatable {
    public var type: String
    public var message: String?
    /// An expression's excerpt with a caret under the column at fault.
    public var detail: String?
    public var task: TaskView?
    public var snapshot: Snapshot?
    public var activation: ActivationPanel?
    public var done: Int?
    public var total: Int?
    public var compare: CompareRun.Result?

    public init(type: String) { self.type = type }

    public static func error(_ e: PlaygroundError) -> ServerMessage {
        var m = ServerMessage(type: "error")
        m.message = e.message
        m.detail = e.detail
        return m
    }
}

/// What the page needs once per training to draw its snapshots: the task's points and probe
/// layout, and the network's layers.
public struct TaskView: Codable, Sendable, Equatable {
    public var kind: String
    public var output: String
    public var title: String
    public var seed: UInt64
    /// Training points to plot (1-D: x then y; 2-D: x1, x2 and the label), at most `shownPoints`.
    public var x: [Float]
    public var y: [Float]
    public var span: [[Double]]
    public var probeSide: Int
    /// Unit charts' probes per axis (a line's length, a square's side, or MNIST's image count).
    public var unitSide: Int
    /// MNIST's probe images (probes x 784, 0...1) for the page to draw beside the predictions.
    public var images: [Float]?
    /// Validation labels of the MNIST probes.
    public var labels: [Int]?
    public var layers: [String]
    public var units: [Int]

    public static let shownPoints = 600

    public init(config: TrainingConfig, task: PlaygroundTask) {
        kind = task.kind.rawValue
        output = task.kind.output.rawValue
        title = task.title
        seed = config.seed
        span = task.span
        probeSide = task.probeSide
        let unitProbes = SnapshotTaker.unitProbeIndices(task).count
        unitSide = task.inputs == 2 ? Int(Double(unitProbes).squareRoot().rounded()) : unitProbes
        layers = config.hidden.map(\.activation.name)
        units = config.hidden.map(\.units)
        if task.kind == .mnist {
            x = []
            y = []
            images = task.probes.map { ($0 * 100).rounded() / 100 }
            labels = (0..<task.probeCount).map { r in
                (0..<task.outputs).first { task.validationY[r * task.outputs + $0] == 1 } ?? -1
            }
        } else {
            let n = min(task.rows, Self.shownPoints)
            x = Array(task.x.prefix(n * task.inputs))
            y = Array(task.y.prefix(n))
        }
    }
}
