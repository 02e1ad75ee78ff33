import Activations
import Foundation
import Synchronization

/// Runs evaluation requests: the boundary between a search and wherever its training happens.
/// A request names its proxy task; the evaluator knows the tasks by name.
public protocol CandidateEvaluator: Sendable {
    /// Results in the order of `requests`. `onResult` is called as each finishes (from any
    /// thread), with whether it came from a store rather than being trained now.
    func evaluate(_ requests: [EvaluationRequest], onResult: @escaping @Sendable (EvaluationResult, _ reused: Bool) -> Void) throws -> [EvaluationResult]
}

/// Trains on this machine, `jobs` requests at a time (each tiny network on its own thread),
/// reusing and filling an `EvaluationStore` when given one.
public struct LocalParallelEvaluator: CandidateEvaluator {
    public let proxies: [String: any ProxyTask]
    public let jobs: Int
    public let store: EvaluationStore?

    public init(proxies: [any ProxyTask], jobs: Int = ProcessInfo.processInfo.activeProcessorCount, store: EvaluationStore? = nil) {
        self.proxies = Dictionary(proxies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.jobs = max(1, jobs)
        self.store = store
    }

    public func evaluate(_ requests: [EvaluationRequest], onResult: @escaping @Sendable (EvaluationResult, Bool) -> Void) throws -> [EvaluationResult] {
        for r in requests where proxies[r.proxy] == nil {
            throw SearchError("no proxy task named '\(r.proxy)'; known: \(proxies.keys.sorted().joined(separator: ", "))")
        }
        let results = Mutex([EvaluationResult?](repeating: nil, count: requests.count))
        let firstError = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        let work: @Sendable (Int) -> Void = { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < requests.count, firstError.withLock({ $0 == nil }) else { return }
                do {
                    let (result, reused) = try run(requests[i])
                    results.withLock { $0[i] = result }
                    onResult(result, reused)
                } catch {
                    firstError.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        let threads = min(jobs, requests.count)
        if threads <= 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
        if let error = firstError.withLock({ $0 }) { throw error }
        return results.withLock { $0.map { $0! } }
    }

    /// One request: from the store, or trained now and stored. A candidate that cannot train
    /// (its activation is refused, the run throws) is a result with a failure, not an error;
    /// only a failure to store is thrown.
    private func run(_ request: EvaluationRequest) throws -> (EvaluationResult, Bool) {
        if let stored = store?.result(for: request) { return (stored, true) }
        let start = Date()
        let result: EvaluationResult
        do {
            var activation = try Activation.named(request.expression)
            if let expression = activation as? ExpressionActivation { activation = CompiledExpression(expression) }
            let metrics = try proxies[request.proxy]!.evaluate(activation, seed: request.seed)
            result = EvaluationResult(request: request, metrics: metrics, seconds: Date().timeIntervalSince(start))
        } catch {
            result = EvaluationResult(request: request, metrics: ProxyMetrics(validationAccuracy: 0, testAccuracy: 0, trainingLoss: .nan),
                                      failure: "\(error)", seconds: Date().timeIntervalSince(start))
        }
        try store?.save(result)
        return (result, false)
    }
}

/// A search that cannot run as configured, in one line.
public struct SearchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
