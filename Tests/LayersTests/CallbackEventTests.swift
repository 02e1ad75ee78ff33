import Dispatch
import Foundation
import Testing
import Tensors
@testable import Layers

@Suite struct CallbackEventTests {
    @Test func eventsArriveInKerasOrderWithRunningLogs() throws {
        let model = try Tiny.model()
        try model.compile(optimizer: SGD(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        var events = [String]()
        var batchLogs = [Logs]()
        let spy = LambdaCallback(
            onTrainBegin: { _, p in events.append("train \(p.epochs)x\(p.steps) \(p.samples)/\(p.batchSize)") },
            onTrainEnd: { logs in events.append("end \(logs.keys.sorted())") },
            onEpochBegin: { events.append("epoch \($0)") },
            onEpochEnd: { e, logs in events.append("epoch end \(e) \(logs.keys.sorted())") },
            onBatchBegin: { events.append("batch \($0)") },
            onBatchEnd: { b, logs in events.append("batch end \(b)"); batchLogs.append(logs) })
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 2, batchSize: 5, validationSplit: 0.25, callbacks: [spy])
        #expect(events == [
            "train 2x2 6/5",
            "epoch 0", "batch 0", "batch end 0", "batch 1", "batch end 1", "epoch end 0 [\"accuracy\", \"loss\", \"val_accuracy\", \"val_loss\"]",
            "epoch 1", "batch 0", "batch end 0", "batch 1", "batch end 1", "epoch end 1 [\"accuracy\", \"loss\", \"val_accuracy\", \"val_loss\"]",
            "end [\"accuracy\", \"loss\", \"val_accuracy\", \"val_loss\"]",
        ])
        #expect(batchLogs[0].keys == ["loss", "accuracy"])
        // The epoch's figures are the running means after its last batch.
        #expect(batchLogs[1]["loss"] == h["loss"][0])
        #expect(batchLogs[3]["accuracy"] == h["accuracy"][1])
    }

    /// Keras's model.stop_training: set during a batch, the epoch ends there and still reports.
    @Test func stopTrainingEndsAfterTheBatch() throws {
        let model = try Tiny.model()
        var batches = 0
        let stopper = LambdaCallback(onBatchEnd: { b, _ in
            batches += 1
            if b == 0 { model.stopTraining = true }
        })
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 3, batchSize: 2, callbacks: [stopper])
        #expect(batches == 1)
        #expect(h.epochs == 1)
        // The next fit starts afresh.
        #expect(try model.fit(x: Tiny.x, y: Tiny.y, epochs: 2, batchSize: 4).epochs == 2)
    }

    /// Cancelled from another thread during batch 2 of epoch 1: that batch finishes, no other
    /// starts, and only epoch 0 is in the history.
    @Test func cancellationFromAnotherThreadStopsBetweenBatches() throws {
        let model = try Tiny.model()
        let token = CancellationToken()
        var started = [String]()
        let done = DispatchSemaphore(value: 0)
        let spy = LambdaCallback(
            onBatchBegin: { b in started.append("\(b)") },
            onBatchEnd: { b, _ in
                guard started.count == 6 else { return }
                Thread.detachNewThread { token.cancel(); done.signal() }
                done.wait()
            })
        let h = try model.fit(x: Tiny.x, y: Tiny.y, epochs: 5, batchSize: 2, shuffle: false, callbacks: [spy], cancellation: token)
        #expect(started == ["0", "1", "2", "3", "0", "1"])
        #expect(h.epochs == 1)
        #expect(token.isCancelled)
    }

    @Test func aThrowingCallbackAbortsFit() throws {
        struct Refused: Error {}
        let model = try Tiny.model()
        let refuse = LambdaCallback(onEpochBegin: { if $0 == 1 { throw Refused() } })
        #expect(throws: Refused.self) { try model.fit(x: Tiny.x, y: Tiny.y, epochs: 3, callbacks: [refuse]) }
    }
}
