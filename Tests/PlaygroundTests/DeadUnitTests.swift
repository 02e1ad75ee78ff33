import Activations
import Testing
@testable import Playground

@Suite struct DeadUnitTests {
    @Test func reluUnitThatNeverFiresIsDead() throws {
        // Three rows, three units: unit 0 never positive, unit 1 positive on one row, unit 2 always.
        let z: [Float] = [-1, -2, 3,
                          -0.5, 0.1, 1,
                          0, -3, 2]
        let dead = DeadUnits.find(preActivations: z, rows: 3, units: 3, activation: try Activation.named("relu"))
        #expect(dead == [true, false, false])
    }

    @Test func leakyReluAndTanhNeverDie() throws {
        let z: [Float] = [-1, -2, -3, -4]
        #expect(DeadUnits.find(preActivations: z, rows: 2, units: 2, activation: try Activation.named("leaky_relu")) == [false, false])
        #expect(DeadUnits.find(preActivations: z, rows: 2, units: 2, activation: try Activation.named("tanh")) == [false, false])
    }

    @Test func rowWiseActivationsHaveNoPerUnitVerdict() throws {
        #expect(DeadUnits.find(preActivations: [1, 2], rows: 1, units: 2, activation: try Activation.named("softmax")) == nil)
    }

    @Test func aSessionCountsAHandKilledUnit() throws {
        // A relu layer whose first unit's bias is so negative it cannot fire on [0, 2 pi]: found dead at once.
        var c = TrainingConfig()
        c.hidden = [TrainingConfig.Hidden(units: 3, activation: ActivationChoice("relu"))]
        c.epochs = 1
        c.learningRate = 1e-6
        let task = try PlaygroundTask(config: c)
        let model = try PlaygroundModel.build(config: c, task: task)
        var weights = model.weights.map(\.scalars)
        weights[0] = [1, 1, 1]
        weights[1] = [-100, 0.5, 0.5]
        try model.setWeights(weights)
        let recorder = SessionRecorder()
        let session = TrainingSession(config: c, task: task, report: recorder.report)
        let taker = SnapshotTaker(model: model, task: task, session: session, interval: 1)
        let s = taker.take(state: .running)
        #expect(s.dead == [[true, false, false]])
        #expect(s.deadCount == 1)
    }
}
