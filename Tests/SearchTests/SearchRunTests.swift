import Activations
import Foundation
import Reports
import Synchronization
import Testing
@testable import Search

/// A proxy that counts its trainings, so a test can see which evaluations were redone.
final class CountingProxy: ProxyTask {
    let inner: any ProxyTask
    let calls = Mutex(0)
    init(_ inner: any ProxyTask) { self.inner = inner }
    var name: String { inner.name }
    func evaluate(_ activation: any ActivationFunction, seed: UInt64) throws -> ProxyMetrics {
        calls.withLock { $0 += 1 }
        return try inner.evaluate(activation, seed: seed)
    }
}

@Suite struct SearchRunTests {
    static func tinySearch(store: EvaluationStore? = nil, jobs: Int = 2) throws -> (SuccessiveHalving, CandidatePool, CountingProxy, CountingProxy) {
        let data = try SearchData.synthetic(rows: 120, features: 6)
        var cheapTask = CheapProxy(data: data)
        (cheapTask.hidden, cheapTask.units, cheapTask.epochs) = (2, 6, 2)
        let cheap = CountingProxy(cheapTask)
        let deep = CountingProxy(try DeepProxy(data: data, depth: 3, units: 6, epochs: 1, batchSize: 32))
        var c = SearchConfiguration()
        (c.candidates, c.deepFraction, c.deepSeeds, c.finalists, c.finalSeeds) = (16, 0.25, 2, 2, 3)
        let pool = CandidatePool(grammar: Grammar(unaries: [.identity, .negate, .sigmoid, .tanh, .relu], binaries: [.add, .multiply, .maximum]),
                                 target: c.candidates, seed: 0)
        let evaluator = LocalParallelEvaluator(proxies: [cheap, deep], jobs: jobs, store: store)
        return (SuccessiveHalving(configuration: c, cheap: cheap, deep: deep, evaluator: evaluator), pool, cheap, deep)
    }

    /// Every stage runs and the leaderboard holds what they found: 16 ranked, 4 promoted, finalists,
    /// control, tracked and baselines in the finals with ranks 1...n.
    @Test func tinySearchEndToEnd() throws {
        let (search, pool, cheap, _) = try Self.tinySearch()
        let events = Mutex<[String]>([])
        let board = try search.run(pool) { e in
            if case let .stageFinished(stage, n, _, _) = e { events.withLock { $0.append("\(stage) \(n)") } }
        }
        #expect(events.withLock { $0 } == ["cheap 16", "deep 8", "control 8", "finals \(board.finals.count * 3)"])
        #expect(cheap.calls.withLock { $0 } == 16)
        #expect(board.cheapStage.count == 16 && board.deepStage.count == 4 && board.control.count == 4)
        #expect(board.finals.map(\.rank) == Array(1...board.finals.count))
        for b in ["relu", "silu", "gelu", "tanh"] { #expect(board.finals.contains { $0.expression == b && $0.roles == ["baseline"] }) }
        #expect(board.finals.filter { $0.roles.contains("search") }.count == 2)
        let relu = try #require(board.finals.first { $0.expression == "relu" })
        #expect(relu.versusRelu.meanDifference == 0)
        #expect(board.tracked.first?.cheapRank != nil, "x * sigmoid(x) is in this grammar")
        // The deep stage is ordered by its mean, the cheap one by its score.
        #expect(zip(board.deepStage, board.deepStage.dropFirst()).allSatisfy { $0.deepAccuracy! >= $1.deepAccuracy! })
        #expect(zip(board.cheapStage, board.cheapStage.dropFirst()).allSatisfy { $0.cheapAccuracy! >= $1.cheapAccuracy! })
    }

    /// A budget already spent stops the cheap and deep stages before they start; the finals
    /// (baselines and tracked expressions here) still run whole.
    @Test func spentBudgetStopsTheRankingStages() throws {
        let (search, pool, cheap, _) = try Self.tinySearch()
        var c = search.configuration
        c.budgetMinutes = 1e-9
        let board = try SuccessiveHalving(configuration: c, cheap: search.cheap, deep: search.deep, evaluator: search.evaluator).run(pool)
        #expect(cheap.calls.withLock { $0 } == 0)
        #expect(board.stoppedByBudget == ["cheap"], "the deep stage had nothing promoted to it")
        #expect(board.cheapStage.isEmpty && board.deepStage.isEmpty)
        #expect(board.finals.count == 6 && board.finals.allSatisfy { $0.testAccuracies.count == 3 })
    }

    /// The same seed gives the same leaderboard, whether run on one thread or two.
    @Test func deterministicForASeed() throws {
        let (a, pool, _, _) = try Self.tinySearch(jobs: 1)
        let (b, _, _, _) = try Self.tinySearch(jobs: 2)
        let x = try a.run(pool), y = try b.run(pool)
        #expect(x.finals == y.finals)
        #expect(x.deepStage == y.deepStage && x.cheapStage == y.cheapStage && x.control == y.control)
    }

    /// A second search on the same store trains nothing again, and finds the same results.
    @Test func resumeRedoesNoFinishedEvaluation() throws {
        let folder = NSTemporaryDirectory() + "search-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = EvaluationStore(folder: folder)
        let (first, pool, cheap1, deep1) = try Self.tinySearch(store: store)
        let one = try first.run(pool)
        let trained = cheap1.calls.withLock { $0 } + deep1.calls.withLock { $0 }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        #expect(files.count == trained)
        let (second, _, cheap2, deep2) = try Self.tinySearch(store: store)
        let two = try second.run(pool)
        #expect(cheap2.calls.withLock { $0 } == 0 && deep2.calls.withLock { $0 } == 0)
        #expect(one.finals == two.finals)
        // Only half the cheap stage stored: the rest is trained, the stored half is not.
        try FileManager.default.removeItem(atPath: folder)
        let requests = pool.candidates.prefix(8).map { EvaluationRequest(expression: $0.expression, proxy: cheap1.name, seed: 0) }
        let (third, _, cheap3, _) = try Self.tinySearch(store: store)
        _ = try third.evaluator.evaluate(Array(requests)) { _, _ in }
        let (fourth, _, cheap4, _) = try Self.tinySearch(store: store)
        _ = try fourth.run(pool)
        #expect(cheap3.calls.withLock { $0 } == 8 && cheap4.calls.withLock { $0 } == 8)
    }

    @Test func requestIdIsStableAndDistinguishesFields() {
        let r = EvaluationRequest(expression: "x * sigmoid(x)", proxy: "p", seed: 1)
        #expect(r.id == EvaluationRequest(expression: "x * sigmoid(x)", proxy: "p", seed: 1).id)
        #expect(r.id.count == 16)
        #expect(Set([r.id, EvaluationRequest(expression: "x * sigmoid(x)", proxy: "p", seed: 2).id,
                     EvaluationRequest(expression: "x * sigmoid(x)", proxy: "q", seed: 1).id]).count == 3)
    }

    /// A store file for another request under this id (a hash collision, an edited file) is not trusted.
    @Test func storeIgnoresAMismatchedFile() throws {
        let folder = NSTemporaryDirectory() + "search-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = EvaluationStore(folder: folder)
        let r = EvaluationRequest(expression: "relu", proxy: "p", seed: 0)
        let other = EvaluationResult(request: EvaluationRequest(expression: "tanh", proxy: "p", seed: 0),
                                     metrics: ProxyMetrics(validationAccuracy: 1, testAccuracy: 1, trainingLoss: .nan), seconds: 0)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try JSONEncoder().encode(other).write(to: URL(fileURLWithPath: store.path(for: r)))
        #expect(store.result(for: r) == nil)
        try store.save(other)
        #expect(store.result(for: other.request) == other)
    }

    @Test func reportWritesEveryFile() throws {
        let (search, pool, _, _) = try Self.tinySearch()
        let board = try search.run(pool)
        let folder = NSTemporaryDirectory() + "search-report-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try SearchReport(leaderboard: board).write(to: folder)
        for f in SearchReport.files { #expect(FileManager.default.fileExists(atPath: folder + "/" + f), "\(f)") }
        let md = try String(contentsOfFile: folder + "/results.md", encoding: .utf8)
        #expect(md.contains("## Finals") && md.contains("`relu`"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/results.json"))) as? [String: Any]
        #expect((json?["finals"] as? [Any])?.count == board.finals.count)
    }

    @Test func resumableRunFolderKeepsItsStaging() throws {
        let parent = NSTemporaryDirectory() + "search-folder-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let path = parent + "/run"
        do {
            let folder = try RunFolder(claiming: path, resumable: true)
            try "done".write(toFile: folder.file("piece.json"), atomically: true, encoding: .utf8)
        }
        let again = try RunFolder(claiming: path, resumable: true)
        #expect(FileManager.default.fileExists(atPath: again.file("piece.json")))
        try again.commit()
        #expect(FileManager.default.fileExists(atPath: path + "/piece.json"))
    }
}
