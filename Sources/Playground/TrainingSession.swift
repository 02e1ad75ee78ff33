import Foundation
import Layers
import Synchronization
import Tensors

/// One training on its own thread: builds the model, runs `fit` for the configured epochs and
/// reports `Snapshot`s through `report`, at most `snapshotsPerSecond` a second and never so
/// often that taking them costs more than a twentieth of the time. `pause`, `resume`, `step`
/// and `stop` may be called from any thread; a stop ends the thread within one batch.
public final class TrainingSession: Sendable {
    /// What the session tells its owner; called on the training thread.
    public enum Event: Sendable {
        case snapshot(Snapshot)
        /// The request could not be built into a model or trained; the thread has ended.
        case failed(PlaygroundError)
    }

    struct Control {
        var paused = false
        var stopped = false
        /// While paused, run on until this many epochs are done (`step`).
        var stepTarget: Int?
    }

    public let config: TrainingConfig
    public let task: PlaygroundTask
    public let snapshotsPerSecond: Double
    private let report: @Sendable (Event) -> Void
    private let control = Mutex(Control())
    private let cancellation = CancellationToken()
    private let done = Atomic<Bool>(false)

    public init(config: TrainingConfig, task: PlaygroundTask, snapshotsPerSecond: Double = 15,
                paused: Bool = false, report: @escaping @Sendable (Event) -> Void) {
        self.config = config
        self.task = task
        self.snapshotsPerSecond = snapshotsPerSecond
        self.report = report
        control.withLock { $0.paused = paused }
    }

    /// Starts the training thread; call once. `onExit` runs on that thread as it ends.
    public func start(onExit: @escaping @Sendable () -> Void = {}) {
        TrainingThread.start(name: "playground-training") { [self] in
            run()
            done.store(true, ordering: .releasing)
            onExit()
        }
    }

    public func pause() { control.withLock { $0.paused = true; $0.stepTarget = nil } }
    public func resume() { control.withLock { $0.paused = false; $0.stepTarget = nil } }
    /// Pauses, then runs to the end of the next epoch.
    public func step() { control.withLock { $0.paused = true; $0.stepTarget = -1 } }
    public func stop() {
        control.withLock { $0.stopped = true }
        cancellation.cancel()
    }

    /// Whether the training thread has ended (finished, stopped or failed).
    public var isDone: Bool { done.load(ordering: .acquiring) }

    private func run() {
        let model: Sequential
        do { model = try PlaygroundModel.build(config: config, task: task) } catch {
            report(.failed(error))
            return
        }
        let observer = SnapshotTaker(model: model, task: task, session: self, interval: 1 / max(snapshotsPerSecond, 0.1))
        let x = Tensor(shape: [task.rows, task.inputs], scalars: task.x)
        let y = Tensor(shape: [task.rows, task.outputs], scalars: task.y)
        let vx = Tensor(shape: [task.validationRows, task.inputs], scalars: task.validationX)
        let vy = Tensor(shape: [task.validationRows, task.outputs], scalars: task.validationY)
        do {
            try model.fit(x: x, y: y, epochs: config.epochs, batchSize: min(config.batchSize, task.rows),
                          validationData: (vx, vy), callbacks: [observer], cancellation: cancellation)
        } catch {
            report(.failed(PlaygroundError("training: " + "\(error)".split(separator: "\n").joined(separator: " "))))
            return
        }
        let stopped = control.withLock { $0.stopped }
        report(.snapshot(observer.take(state: stopped ? .stopped : .finished)))
    }

    /// Blocks at a batch boundary while paused (sending one paused snapshot), returning as soon
    /// as training may go on or has been stopped. `epochsDone` lets a step end at the epoch.
    func gate(epochsDone: Int, pausedSnapshot: () -> Snapshot) {
        var announced = false
        while true {
            let proceed: Bool = control.withLock { c in
                if c.stopped || !c.paused { return true }
                if c.stepTarget == -1 { c.stepTarget = epochsDone + 1 }
                if let target = c.stepTarget, epochsDone < target { return true }
                c.stepTarget = nil
                return false
            }
            if proceed { return }
            if !announced {
                report(.snapshot(pausedSnapshot()))
                announced = true
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    func send(_ snapshot: Snapshot) { report(.snapshot(snapshot)) }
    var isStopped: Bool { control.withLock { $0.stopped } }
}
