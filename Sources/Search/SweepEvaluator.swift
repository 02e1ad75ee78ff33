import Foundation
import Layers
import Synchronization
import Sweeps

/// Runs evaluation requests as sweeps of the `search-proxy` task: each batch is written as a
/// sweep file and plan in a stage folder under `folder`, run by `LocalSweepRunner` or submitted
/// to Slurm as a job array, and read back from the sweep's result store. The numbers are those
/// `LocalParallelEvaluator` computes for the same requests.
public struct SweepEvaluator: CandidateEvaluator {
    /// Where the runs happen.
    public enum Backend: Sendable {
        /// This machine, `workers` runs at once.
        case local(workers: Int)
        /// A Slurm job array whose tasks run `executable` (an actlab the nodes can reach).
        case slurm(executable: String, options: [String] = [], poll: Double = 0.5)
    }

    public let proxies: [String: ProxyConfiguration]
    public let folder: String
    public let backend: Backend
    public let store: EvaluationStore?
    public let mnistFolder: String?
    public let cancellation: CancellationToken?

    /// `proxies` are the configurations the requests name (by their proxy's name, which
    /// `mnistFolder`'s data is loaded to learn).
    public init(proxies: [ProxyConfiguration], folder: String, backend: Backend, store: EvaluationStore? = nil,
                mnistFolder: String? = nil, cancellation: CancellationToken? = nil) throws {
        var named = [String: ProxyConfiguration]()
        for c in proxies { named[try c.make(mnistFolder: mnistFolder).name] = c }
        (self.proxies, self.folder, self.backend, self.store, self.mnistFolder, self.cancellation) = (named, folder, backend, store, mnistFolder, cancellation)
        SearchSweepTasks.register()
    }

    public func evaluate(_ requests: [EvaluationRequest], onResult: @escaping @Sendable (EvaluationResult, Bool) -> Void) throws -> [EvaluationResult] {
        for r in requests where proxies[r.proxy] == nil {
            throw SearchError("no proxy task named '\(r.proxy)'; known: \(proxies.keys.sorted().joined(separator: ", "))")
        }
        var known = [EvaluationRequest: EvaluationResult]()
        var pending = [EvaluationRequest]()
        for r in requests where known[r] == nil && !pending.contains(r) {
            if let stored = store?.result(for: r) {
                known[r] = stored
                onResult(stored, true)
            } else if let failure = refusal(r.expression) {
                // As the in-process evaluator: a candidate that cannot be built is a failed result.
                let result = EvaluationResult(request: r, metrics: Self.failedMetrics, failure: failure, seconds: 0)
                try store?.save(result)
                known[r] = result
                onResult(result, false)
            } else {
                pending.append(r)
            }
        }
        for group in groups(pending) {
            for result in try run(group, onResult: onResult) {
                try store?.save(result)
                known[result.request] = result
            }
        }
        return requests.map { known[$0]! }
    }

    static let failedMetrics = ProxyMetrics(validationAccuracy: 0, testAccuracy: 0, trainingLoss: .nan)

    private func refusal(_ expression: String) -> String? {
        do { _ = try SearchProxySweepTask.searchActivation(expression) } catch { return "\(error)" }
        do { _ = try SweepActivation(name: expression) } catch { return "\(error)" }
        return nil
    }

    /// One sweep's worth: a proxy, expressions that all want the same seeds.
    private struct Group {
        var proxy: String
        var seeds: [UInt64]
        var expressions: [String]
    }

    /// Requests split so that each part is a full product of expressions and seeds (what a sweep file states).
    private func groups(_ requests: [EvaluationRequest]) -> [Group] {
        var seedsOf = [String: [String: [UInt64]]](), order = [String: [String]]()
        for r in requests {
            if seedsOf[r.proxy]?[r.expression] == nil { order[r.proxy, default: []].append(r.expression) }
            seedsOf[r.proxy, default: [:]][r.expression, default: []].append(r.seed)
        }
        var out = [Group]()
        for proxy in order.keys.sorted() {
            for expression in order[proxy]! {
                let seeds = seedsOf[proxy]![expression]!
                if let i = out.firstIndex(where: { $0.proxy == proxy && $0.seeds == seeds }) { out[i].expressions.append(expression) }
                else { out.append(Group(proxy: proxy, seeds: seeds, expressions: [expression])) }
            }
        }
        return out
    }

    /// Writes the group's sweep, runs it, and reads its results back.
    private func run(_ group: Group, onResult: @escaping @Sendable (EvaluationResult, Bool) -> Void) throws -> [EvaluationResult] {
        let configuration = proxies[group.proxy]!
        var names = [String]()
        for e in group.expressions {
            let name = try SweepActivation(name: e).name
            if !names.contains(name) { names.append(name) }
        }
        let grid = SearchProxySweepTask.parameters(configuration).mapValues { v -> Any in v.number ?? v.text! }
        let file: [String: Any] = ["task": SearchProxySweepTask.id, "model": configuration.kind.rawValue, "activations": names,
                                   "seeds": group.seeds.map { NSNumber(value: $0) }, "grid": grid, "name": "search"]
        let data = try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys, .prettyPrinted])
        // Named by a hash of the file, so a resumed search finds the runs it had finished.
        let stage = folder + "/" + configuration.kind.rawValue + "-" + EvaluationRequest(expression: String(decoding: data, as: UTF8.self), proxy: "", seed: 0).id
        let sweepStore = try SweepResultStore(folder: stage)
        try sweepStore.prepare()
        let sweepPath = stage + "/sweep.json"
        try AtomicFile.write(data, to: sweepPath)
        let plan = try SweepPlan(try SweepFile.load(path: sweepPath))

        // Which requests each run answers (two spellings of one catalogue activation share a run).
        var runsFor = [Int: [EvaluationRequest]]()
        for e in group.expressions {
            let a = names.firstIndex(of: try SweepActivation(name: e).name)!
            for (s, seed) in group.seeds.enumerated() {
                runsFor[a * group.seeds.count + s, default: []].append(EvaluationRequest(expression: e, proxy: group.proxy, seed: seed))
            }
        }
        let requestsOf = runsFor
        let result = Self.result
        switch backend {
        case let .local(workers):
            let context = SweepContext(dataFolders: mnistFolder.map { ["mnist": $0] } ?? [:], cancellation: cancellation)
            let summary = try LocalSweepRunner(store: sweepStore, context: context, workers: workers).run(plan) { event in
                switch event {
                case let .finished(index, r):
                    for q in requestsOf[index] ?? [] { if let e = result(q, .finished(r)) { onResult(e, false) } }
                case let .failed(index, _, message):
                    for q in requestsOf[index] ?? [] { if let e = result(q, .failed(message)) { onResult(e, false) } }
                case let .skipped(index, run):
                    for q in requestsOf[index] ?? [] { if let e = result(q, sweepStore.state(of: run)) { onResult(e, true) } }
                default: break
                }
            }
            if summary.notRun > 0 { throw SearchError("interrupted: \(summary.notRun) evaluations of \(stage) not run; run the same search again to resume") }
        case let .slurm(executable, options, poll):
            let slurm = try SlurmBackend(executable: executable, sweepFile: sweepPath, store: sweepStore, dataFolder: mnistFolder, options: options)
            // Slurm's exit codes are not trusted: the result files say what finished, and what
            // is missing is submitted once more before giving up.
            for _ in 0..<2 {
                let missing = plan.runs.indices.filter { i in
                    switch sweepStore.state(of: plan.runs[i]) { case .finished, .failed: false; default: true }
                }
                if missing.isEmpty { break }
                let job = try slurm.submit(plan, indices: missing)
                try SlurmBackend.wait(job, poll: poll, cancellation: cancellation)
            }
            for (index, run) in plan.runs.enumerated() {
                for q in requestsOf[index] ?? [] { if let e = result(q, sweepStore.state(of: run)) { onResult(e, false) } }
            }
        }
        var out = [EvaluationResult]()
        for (index, run) in plan.runs.enumerated() {
            let state = sweepStore.state(of: run)
            for q in requestsOf[index] ?? [] {
                guard let e = result(q, state) else {
                    throw SearchError("\(stage): run \(index) (\(run.activation) seed \(run.seed)) has no result after \(backendName) ran it; see actlab sweep status \(stage)")
                }
                out.append(e)
            }
        }
        return out
    }

    private static func result(_ request: EvaluationRequest, _ state: SweepRunState) -> EvaluationResult? {
        switch state {
        case let .finished(r):
            let m = r.measurement.metrics
            return EvaluationResult(request: request, metrics: ProxyMetrics(validationAccuracy: m["val_accuracy"] ?? 0, testAccuracy: m["test_accuracy"] ?? 0,
                                                                             trainingLoss: m["loss"] ?? .nan), seconds: r.seconds)
        case let .failed(message):
            return EvaluationResult(request: request, metrics: Self.failedMetrics, failure: message, seconds: 0)
        case .corrupt, .missing:
            return nil
        }
    }

    private var backendName: String { if case .local = backend { "this machine" } else { "Slurm (submitted twice)" } }
}
