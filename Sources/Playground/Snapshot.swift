/// What the page sees of a training at one moment: the epochs finished since the previous
/// snapshot, the network's output and every hidden unit's output at the task's probes, the
/// dead units and each layer's gradient norm.
public struct Snapshot: Codable, Sendable, Equatable {
    /// One finished epoch's figures (accuracies only for classification tasks).
    public struct EpochPoint: Codable, Sendable, Equatable {
        public var epoch: Int
        public var loss: Double
        public var valLoss: Double?
        public var accuracy: Double?
        public var valAccuracy: Double?
    }

    public enum State: String, Codable, Sendable {
        case running, paused, finished, stopped
    }

    public var state: State
    /// Epochs finished so far.
    public var epoch: Int
    /// Epochs finished since the previous snapshot, oldest first.
    public var epochs: [EpochPoint]
    /// The network's output at each probe: y (1-D), P(class 1) (2-D), the predicted digit (MNIST).
    public var prediction: [Float]
    /// Per hidden layer, per unit: its output at the unit probes (every 2nd probe of a line,
    /// every 3rd along each axis of a grid, all of MNIST's), so that the page receives small charts.
    public var units: [[[Float]]]
    /// Per hidden layer, per unit: whether it passes no gradient on any training row.
    public var dead: [[Bool]]
    public var deadCount: Int
    /// Per Dense layer, hidden ones then the output: the L2 norm of the latest batch's gradients.
    public var gradientNorms: [Double]
    /// Training speed since the start, time paused left out, for the page's status line.
    public var epochsPerSecond: Double
    /// The fraction of the training thread's CPU time spent taking snapshots (what watching
    /// costs the training; the throttle keeps it near or under 5%).
    public var snapshotShare: Double
}
