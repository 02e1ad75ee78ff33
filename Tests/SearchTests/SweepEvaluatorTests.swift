import Foundation
import Synchronization
import Sweeps
import Testing
@testable import Search

@Suite struct SweepEvaluatorTests {
    static func configurations() -> [ProxyConfiguration] {
        var cheap = ProxyConfiguration(kind: .cheap, source: .synthetic)
        (cheap.rows, cheap.features, cheap.layers, cheap.units, cheap.epochs) = (80, 6, 2, 6, 2)
        var deep = ProxyConfiguration(kind: .deep, source: .synthetic)
        (deep.rows, deep.features, deep.dataSeed, deep.layers, deep.units, deep.epochs, deep.batchSize) = (80, 6, 3, 3, 6, 1, 16)
        return [cheap, deep]
    }

    /// The search-proxy task, given a run that states a configuration, computes what the
    /// in-process evaluator computes for the same expression, proxy and seed.
    @Test func sweepTaskReproducesTheInProcessEvaluator() throws {
        SearchSweepTasks.register()
        for configuration in Self.configurations() {
            let proxy = try configuration.proxy(on: try configuration.data(mnistFolder: nil))
            let local = LocalParallelEvaluator(proxies: [proxy], jobs: 1)
            for (expression, seed) in [("x * sigmoid(x)", UInt64(0)), ("tanh(x) + x", 5)] {
                let expected = try local.evaluate([EvaluationRequest(expression: expression, proxy: proxy.name, seed: seed)]) { _, _ in }[0]
                let run = SweepRun(task: SearchProxySweepTask.id, model: configuration.kind.rawValue, activation: try SweepActivation(name: expression),
                                   seed: seed, parameters: SearchProxySweepTask.parameters(configuration))
                try SearchProxySweepTask.validate(run)
                #expect(SearchProxySweepTask.configuration(run) == configuration)
                let m = try SearchProxySweepTask.run(run, context: SweepContext()).metrics
                #expect(m["val_accuracy"] == expected.metrics.validationAccuracy, "\(expression) \(proxy.name)")
                #expect(m["test_accuracy"] == expected.metrics.testAccuracy)
                #expect(m["loss"] == expected.metrics.trainingLoss)
                #expect(expected.metrics.validationAccuracy > 0)
            }
        }
    }

    /// A batch mixing proxies and seeds (not one product of expressions and seeds) comes back
    /// in request order with the in-process numbers; a second evaluator on the same store reuses all.
    @Test func sweepEvaluatorMatchesTheInProcessOne() throws {
        let folder = NSTemporaryDirectory() + "sweep-evaluator-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let configurations = Self.configurations()
        let proxies = try configurations.map { try $0.make(mnistFolder: nil) }
        let requests = [EvaluationRequest(expression: "x * sigmoid(x)", proxy: proxies[0].name, seed: 0),
                        EvaluationRequest(expression: "relu", proxy: proxies[1].name, seed: 1),
                        EvaluationRequest(expression: "tanh(x) + x", proxy: proxies[1].name, seed: 1),
                        EvaluationRequest(expression: "tanh(x) + x", proxy: proxies[1].name, seed: 2),
                        EvaluationRequest(expression: "not an expression", proxy: proxies[0].name, seed: 0)]
        let expected = try LocalParallelEvaluator(proxies: proxies, jobs: 1).evaluate(requests) { _, _ in }
        let store = EvaluationStore(folder: folder + "/evaluations")
        let evaluator = try SweepEvaluator(proxies: configurations, folder: folder + "/sweeps", backend: .local(workers: 2), store: store)
        let seen = Mutex(0)
        let got = try evaluator.evaluate(requests) { _, reused in if !reused { seen.withLock { $0 += 1 } } }
        #expect(got == expected)
        #expect(got.dropLast().map(\.metrics.trainingLoss) == expected.dropLast().map(\.metrics.trainingLoss))
        #expect(got[4].failure != nil && got[4].metrics.trainingLoss.isNaN)
        #expect(seen.withLock { $0 } == requests.count)
        let again = Mutex(0)
        let second = try SweepEvaluator(proxies: configurations, folder: folder + "/other", backend: .local(workers: 1), store: store)
        #expect(try second.evaluate(requests) { _, reused in if reused { again.withLock { $0 += 1 } } } == expected)
        #expect(again.withLock { $0 } == requests.count)
        #expect(!FileManager.default.fileExists(atPath: folder + "/other"), "nothing was left to run")
    }

    /// A hand-written sweep file naming the task is checked before anything trains: sizes that
    /// would not fit, and MNIST pooling that does not divide the image, are one-line errors.
    @Test func sweepFilesOfTheTaskAreCheckedWhenPlanned() throws {
        SearchSweepTasks.register()
        let ok = #"{"task": "search-proxy", "model": "deep", "activations": ["x * sigmoid(x)", "relu"], "seeds": 2, "grid": {"layers": 2}}"#
        #expect(try SweepPlan(try SweepFile.parse(Data(ok.utf8), path: "ok.json")).runs.count == 4)
        for (grid, expected) in [(#"{"layers": 1000, "units": 4096}"#, "network"), (#"{"data": "mnist", "pool": 5}"#, "divisor of 28"),
                                 (#"{"rows": 1000000, "features": 4096}"#, "synthetic search data")] {
            let text = #"{"task": "search-proxy", "activations": ["relu"], "grid": "# + grid + "}"
            #expect(throws: SweepError.self) { try SweepPlan(try SweepFile.parse(Data(text.utf8), path: "bad.json")) }
            do { _ = try SweepPlan(try SweepFile.parse(Data(text.utf8), path: "bad.json")) } catch {
                #expect("\(error)".contains("bad.json") && "\(error)".contains(expected), "\(error)")
                #expect(!"\(error)".contains("\n"))
            }
        }
    }
}
