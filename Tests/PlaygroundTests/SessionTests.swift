import Foundation
import Testing
@testable import Playground

@Suite(.serialized, .timeLimit(.minutes(1))) struct SessionTests {
    /// Sixteen units: with the article's two, a relu net often loses every unit on [0, 2 pi] (that is its story).
    func cosConfig(_ activation: String, units: Int = 16, epochs: Int = 300) -> TrainingConfig {
        var c = TrainingConfig()
        c.hidden = [TrainingConfig.Hidden(units: units, activation: ActivationChoice(activation))]
        c.epochs = epochs
        return c
    }

    func run(_ c: TrainingConfig, snapshotsPerSecond: Double = 15, paused: Bool = false) throws -> (TrainingSession, SessionRecorder) {
        let recorder = SessionRecorder()
        let session = TrainingSession(config: c, task: try PlaygroundTask(config: c), snapshotsPerSecond: snapshotsPerSecond,
                                      paused: paused, report: recorder.report)
        session.start()
        return (session, recorder)
    }

    @Test(arguments: ["relu", "leaky_relu"]) func convergesOnCos(activation: String) throws {
        let (session, recorder) = try run(cosConfig(activation))
        #expect(recorder.wait(seconds: 60) { session.isDone })
        #expect(recorder.failures.isEmpty)
        let snapshots = recorder.snapshots.map(\.snapshot)
        let last = try #require(snapshots.last)
        #expect(last.state == .finished)
        #expect(last.epoch == 300)
        // Every epoch reaches the page exactly once, in order, across the snapshots.
        let epochs = snapshots.flatMap(\.epochs)
        #expect(epochs.map(\.epoch) == Array(1...300))
        let final = try #require(epochs.last)
        #expect(final.loss < 0.02, "final training MSE \(final.loss)")
        #expect(try #require(final.valLoss) < 0.02)
        // The drawn fit is the network at the probes: close to cos(x) + 1 there too.
        let task = try PlaygroundTask(config: cosConfig(activation))
        let error = zip(task.probes, last.prediction).map { Double($1) - (cos(Double($0)) + 1) }.map { $0 * $0 }.reduce(0, +) / Double(task.probeCount)
        #expect(error < 0.03)
        #expect(last.units.count == 1 && last.units[0].count == 16)
        #expect(last.gradientNorms.count == 2 && last.gradientNorms.allSatisfy(\.isFinite))
        if activation == "leaky_relu" { #expect(last.deadCount == 0) }
    }

    @Test func stopEndsTheThreadWithinASecond() throws {
        var c = cosConfig("tanh", units: 32, epochs: 5_000)
        c.batchSize = 1
        let (session, recorder) = try run(c)
        #expect(recorder.wait(seconds: 10) { !recorder.snapshots.isEmpty })
        let asked = Date()
        session.stop()
        #expect(recorder.wait(seconds: 1) { session.isDone })
        #expect(Date().timeIntervalSince(asked) < 1)
        #expect(recorder.snapshots.last?.snapshot.state == .stopped)
    }

    @Test func stopWhilePausedAlsoEnds() throws {
        let (session, recorder) = try run(cosConfig("relu", epochs: 5_000), paused: true)
        #expect(recorder.wait(seconds: 10) { recorder.snapshots.last?.snapshot.state == .paused })
        session.stop()
        #expect(recorder.wait(seconds: 1) { session.isDone })
    }

    @Test func snapshotsArriveAtTheRequestedRate() throws {
        var c = cosConfig("relu", epochs: 5_000)
        c.batchSize = 4
        let (session, recorder) = try run(c, snapshotsPerSecond: 15)
        Thread.sleep(forTimeInterval: 2)
        session.stop()
        #expect(recorder.wait(seconds: 2) { session.isDone })
        let times = recorder.snapshots.filter { $0.snapshot.state == .running }.map(\.time)
        let span = try #require(times.last) - times[0]
        let rate = Double(times.count - 1) / span
        // At most the requested rate (15/s); at least 10/s unless the CPU budget (a twentieth
        // of the training thread's time) is what holds it back, as on a machine busy with other work.
        let share = try #require(recorder.snapshots.last?.snapshot.snapshotShare)
        #expect(rate <= 16, "\(rate) snapshots/s")
        #expect(rate >= 10 || share >= 0.04, "\(rate) snapshots/s while they took \(share) of the CPU time")
        // Watching costs the training at most a tenth of its time (the throttle aims at a twentieth).
        #expect(share > 0 && share < 0.1, "snapshots took \(share) of the time")
    }

    @Test func pauseStepAndResume() throws {
        let (session, recorder) = try run(cosConfig("relu", epochs: 50), paused: true)
        #expect(recorder.wait(seconds: 10) { recorder.snapshots.count == 1 })
        #expect(recorder.snapshots[0].snapshot.state == .paused && recorder.snapshots[0].snapshot.epoch == 0)
        session.step()
        #expect(recorder.wait(seconds: 10) { recorder.snapshots.last?.snapshot.epoch == 1 && recorder.snapshots.last?.snapshot.state == .paused })
        session.step()
        #expect(recorder.wait(seconds: 10) { recorder.snapshots.last?.snapshot.epoch == 2 })
        Thread.sleep(forTimeInterval: 0.1)
        #expect(recorder.snapshots.last?.snapshot.epoch == 2, "a step runs one epoch only")
        session.resume()
        #expect(recorder.wait(seconds: 30) { session.isDone })
        #expect(recorder.snapshots.last?.snapshot.state == .finished)
        #expect(recorder.snapshots.flatMap(\.snapshot.epochs).map(\.epoch) == Array(1...50))
    }

    @Test func classificationReportsAccuracyAndABoundary() throws {
        var c = TrainingConfig()
        c.task = "blobs"
        c.hidden = [TrainingConfig.Hidden(units: 4, activation: ActivationChoice("tanh"))]
        c.epochs = 30
        let (session, recorder) = try run(c)
        #expect(recorder.wait(seconds: 30) { session.isDone })
        let last = try #require(recorder.snapshots.last?.snapshot)
        #expect(last.prediction.count == PlaygroundTask.gridSide * PlaygroundTask.gridSide)
        #expect(last.prediction.allSatisfy { (0...1).contains($0) })
        #expect(try #require(recorder.snapshots.flatMap(\.snapshot.epochs).last?.valAccuracy) > 0.85)
        #expect(last.units[0].count == 4 && last.units[0][0].count == 144)
    }

    @Test func mnistSubsetLearnsDigits() throws {
        var c = TrainingConfig()
        c.task = "mnist"
        c.points = 500
        c.hidden = [TrainingConfig.Hidden(units: 32, activation: ActivationChoice("relu"))]
        c.learningRate = 0.001
        c.epochs = 5
        let recorder = SessionRecorder()
        let session = TrainingSession(config: c, task: try PlaygroundTask(config: c, mnist: SharedMNIST.load), report: recorder.report)
        session.start()
        #expect(recorder.wait(seconds: 60) { session.isDone })
        let last = try #require(recorder.snapshots.last?.snapshot)
        #expect(last.state == .finished && last.epoch == 5)
        // Predicted digits for the probe images, and a validation accuracy far above chance.
        #expect(last.prediction.count == PlaygroundTask.mnistProbes && last.prediction.allSatisfy { (0...9).contains($0) })
        #expect(try #require(recorder.snapshots.flatMap(\.snapshot.epochs).last?.valAccuracy) > 0.6)
        #expect(last.units[0].count == 32 && last.units[0][0].count == PlaygroundTask.mnistProbes)
    }

    @Test func unknownActivationFailsWithoutATrap() throws {
        let (session, recorder) = try run(cosConfig("nope"))
        #expect(recorder.wait(seconds: 5) { session.isDone })
        #expect(recorder.failures.first?.message.contains("nope") == true)
    }
}
