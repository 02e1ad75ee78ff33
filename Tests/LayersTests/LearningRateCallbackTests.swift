import Testing
import Tensors
@testable import Layers

@Suite struct LearningRateCallbackTests {
    @Test func schedulerSetsTheRateEachEpochAndLogsIt() throws {
        let model = try Tiny.model(learningRate: 0.1)
        var rates = [Float]()
        let watch = LambdaCallback(onBatchBegin: { b in if b == 0 { rates.append(model.compiledOptimizer!.learningRate) } })
        let schedule = LearningRateScheduler { epoch, lr in epoch < 2 ? lr : lr * 0.5 }
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 4, batchSize: 4, callbacks: [schedule, watch])
        #expect(rates == [0.1, 0.1, 0.05, 0.025])
        #expect(h["learning_rate"] == [0.1, 0.1, 0.05, 0.025].map { Double(Float($0)) })
        let bad = LearningRateScheduler { _, _ in .nan }
        #expect(errorMessage { try model.fit(x: Tiny.x, y: Tiny.y, callbacks: [bad]) }.contains("the schedule gave nan for epoch 0"))
    }

    /// val_loss 1, 0.9, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85 with patience 2, cooldown 1, factor 0.5:
    /// no improvement at epochs 2-3 -> halve after epoch 3; epoch 4 is cooldown; epoch 5 improves;
    /// epochs 6-7 do not -> halve after epoch 7. The logged rate is the one the epoch trained with.
    @Test func plateauReducesAfterPatienceWithCooldown() throws {
        let model = try Tiny.model(learningRate: 0.1)
        let plateau = try ReduceLROnPlateau(factor: 0.5, patience: 2, cooldown: 1, minLR: 0.03)
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 9, batchSize: 4,
                              callbacks: [Tiny.inject("val_loss", [1, 0.9, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85]), plateau])
        let f = { (v: Float) in Double(v) }
        #expect(h["learning_rate"] == [f(0.1), f(0.1), f(0.1), f(0.1), f(0.05), f(0.05), f(0.05), f(0.05), f(0.03)])
        #expect(model.compiledOptimizer!.learningRate == 0.03, "never below minLR")
        #expect(errorMessage { _ = try ReduceLROnPlateau(factor: 1) }.contains("factor must be in (0, 1)"))
    }
}
