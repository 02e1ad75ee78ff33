import Testing
@testable import Layers

@Suite struct ProgressBarTests {
    @Test func lineShowsSortedKeysInKerasNumberFormat() {
        let bar = ProgressBar(mode: .linePerEpoch, write: { _ in })
        let logs: Logs = ["loss": 0.25, "learning_rate": 1e-4, "accuracy": 0.5]
        let line = bar.line(samples: 30, of: 120, steps: 3, elapsed: 0.03, logs: logs)
        #expect(line == " 30/120 ━━━━━                0s 10ms/step - accuracy: 0.5000 - learning_rate: 1.0000e-04 - loss: 0.2500")
    }

    /// An epoch cut short by stopTraining shows the samples it reached.
    @Test func shortenedEpochShowsTheStepsRun() throws {
        let model = try Tiny.model()
        var lines = [String]()
        let stop = LambdaCallback(onBatchEnd: { b, _ in if b == 1 { model.stopTraining = true } })
        try model.fit(x: Tiny.x, y: Tiny.y, epochs: 2, batchSize: 2,
                      callbacks: [stop, ProgressBar(mode: .linePerEpoch, write: { lines.append($0) })])
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("4/8 ━━━━━━━━━━           "), "\(lines[1])")
    }
}
