import Activations
import COpenBLAS
import Foundation
import Layers
import Tensors

/// The callback that turns a running `fit` into snapshots: it gates each batch on the
/// session's pause state, keeps the finished epochs' figures, and at most every `interval`
/// seconds, and no sooner than the training has used nineteen times the CPU time the previous
/// snapshot took, samples the network at the task's probes between two batches, when no step is in flight.
final class SnapshotTaker: Callback {
    private let model: Sequential
    private let task: PlaygroundTask
    private unowned let session: TrainingSession
    private let interval: Double
    private let dense: [Dense]
    /// Each layer's trainable gradients, gathered once so that a snapshot's norms allocate nothing per layer.
    private let gradients: [[Tensor]]
    private let probes: Tensor
    /// At most `deadRows` training rows: dead units are judged on these.
    private let deadSample: Tensor
    private var pending: [Snapshot.EpochPoint] = []
    private var epochsDone = 0
    private let start = DispatchTime.now().uptimeNanoseconds
    private var next: UInt64 = 0
    /// Wall-clock nanoseconds spent paused, and this thread's CPU time at the start and spent on snapshots.
    private var paused: UInt64 = 0
    private let cpuStart = TrainingThread.cpuNanoseconds()
    private var spent: UInt64 = 0
    /// The thread CPU time before which no snapshot is taken.
    private var cpuNext: UInt64 = 0

    static let deadRows = 256

    init(model: Sequential, task: PlaygroundTask, session: TrainingSession, interval: Double) {
        self.model = model
        self.task = task
        self.session = session
        self.interval = interval
        dense = model.layers.compactMap { $0 as? Dense }
        gradients = dense.map { $0.parameters.filter(\.isTrainable).map(\.gradient) }
        probes = Tensor(shape: [task.probeCount, task.inputs], scalars: task.probes)
        let rows = min(task.rows, Self.deadRows)
        deadSample = Tensor(shape: [rows, task.inputs], scalars: Array(task.x.prefix(rows * task.inputs)))
    }

    func onBatchBegin(_ batch: Int) throws {
        let before = DispatchTime.now().uptimeNanoseconds
        session.gate(epochsDone: epochsDone) { take(state: .paused) }
        paused += DispatchTime.now().uptimeNanoseconds - before
    }

    func onBatchEnd(_ batch: Int, logs: Logs) throws {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now >= next else { return }
        // The wall clock sets the rate; the thread's own clock keeps the cost at a twentieth of
        // the training's CPU time even when the cores are shared with other trainings.
        let cpu = TrainingThread.cpuNanoseconds()
        guard cpu >= cpuNext else { return }
        session.send(take(state: .running))
        let after = TrainingThread.cpuNanoseconds()
        spent += after - cpu
        next = now + UInt64(interval * 1e9)
        cpuNext = after + 19 * (after - cpu)
    }

    func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        epochsDone += 1
        pending.append(Snapshot.EpochPoint(epoch: epochsDone, loss: logs["loss"] ?? .nan, valLoss: logs["val_loss"],
                                           accuracy: logs["accuracy"], valAccuracy: logs["val_accuracy"]))
    }

    /// Samples the network now and hands over the epochs finished since the previous snapshot.
    func take(state: Snapshot.State) -> Snapshot {
        let hidden = dense.count - 1
        var t = probes
        var units: [[[Float]]] = []
        for (i, layer) in dense.enumerated() {
            t = layer.forward(t, training: false)
            if i < hidden { units.append(unitCharts(t)) }
        }
        let prediction: [Float]
        if task.kind.output == .multiclass {
            prediction = (0..<t.rows).map { r in
                var best = 0
                for c in 0..<t.rowLength where t[r, c] > t[r, best] { best = c }
                return Float(best)
            }
        } else {
            prediction = t.scalars.map(Self.rounded)
        }
        var dead: [[Bool]] = []
        var s = deadSample
        for layer in dense.prefix(hidden) {
            s = layer.forward(s, training: false)
            let z = layer.activationInput?.scalars ?? []
            dead.append(DeadUnits.find(preActivations: z, rows: s.rows, units: s.rowLength, activation: layer.activation)
                ?? Array(repeating: false, count: s.rowLength))
        }
        let norms = gradients.map { tensors in
            tensors.reduce(0.0) { sum, g in
                let n = Double(cblas_snrm2(Int32(g.count), g.pointer, 1))
                return sum + n * n
            }.squareRoot()
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        let seconds = Double(elapsed - min(paused, elapsed)) / 1e9
        defer { pending.removeAll(keepingCapacity: true) }
        return Snapshot(state: state, epoch: epochsDone, epochs: pending, prediction: prediction, units: units,
                        dead: dead, deadCount: dead.reduce(0) { $0 + $1.filter { $0 }.count },
                        gradientNorms: norms, epochsPerSecond: seconds > 0 ? Double(epochsDone) / seconds : 0,
                        snapshotShare: Self.share(spent, of: TrainingThread.cpuNanoseconds() - cpuStart))
    }

    /// Every unit's output at the unit probes.
    private func unitCharts(_ out: Tensor) -> [[Float]] {
        let width = out.rowLength
        let picked = Self.unitProbeIndices(task)
        return (0..<width).map { u in picked.map { Self.rounded(out[$0, u]) } }
    }

    /// The probes a unit chart samples: every 2nd of a line, every 3rd along each axis of a grid, or all of MNIST's.
    static func unitProbeIndices(_ task: PlaygroundTask) -> [Int] {
        switch task.inputs {
        case 1: return Array(stride(from: 0, to: task.probeCount, by: 2))
        case 2:
            let side = task.probeSide
            return stride(from: 0, to: side, by: 3).flatMap { r in stride(from: 0, to: side, by: 3).map { r * side + $0 } }
        default: return Array(0..<task.probeCount)
        }
    }

    static func share(_ part: UInt64, of whole: UInt64) -> Double { whole > 0 ? Double(part) / Double(whole) : 0 }

    /// Three decimals are all a chart shows, and they keep each message short.
    static func rounded(_ v: Float) -> Float { v.isFinite && abs(v) < 1e6 ? (v * 1000).rounded() / 1000 : v }
}
