import Foundation
import Synchronization

/// Runs one stage's requests through the evaluator, reusing results already known to this
/// search, in chunks so that a deadline can stop it between them.
struct Stage {
    let evaluator: any CandidateEvaluator
    let onEvent: @Sendable (SearchEvent) -> Void
    var known: [EvaluationRequest: EvaluationResult] = [:]

    init(evaluator: any CandidateEvaluator, onEvent: @escaping @Sendable (SearchEvent) -> Void) {
        (self.evaluator, self.onEvent) = (evaluator, onEvent)
    }

    /// The results in request order; fewer than asked when `deadline` passed first.
    mutating func run(_ name: String, _ requests: [EvaluationRequest], until deadline: Date?, chunk: Int) throws -> [EvaluationResult] {
        let start = Date()
        onEvent(.stageStarted(stage: name, evaluations: requests.count))
        var out: [EvaluationResult] = []
        let done = Atomic<Int>(0)
        let total = requests.count
        var stopped = false
        for part in stride(from: 0, to: requests.count, by: max(1, chunk)) {
            if let deadline, Date() >= deadline { stopped = true; break }
            let slice = Array(requests[part..<min(part + chunk, requests.count)])
            let fresh = slice.filter { known[$0] == nil }
            for r in slice where known[r] != nil {
                onEvent(.evaluated(stage: name, done: done.add(1, ordering: .relaxed).newValue, total: total, reused: true))
            }
            let onEvent = self.onEvent
            let results = try evaluator.evaluate(fresh) { _, reused in
                onEvent(.evaluated(stage: name, done: done.add(1, ordering: .relaxed).newValue, total: total, reused: reused))
            }
            for r in results { known[r.request] = r }
            out += slice.map { known[$0]! }
        }
        onEvent(.stageFinished(stage: name, evaluated: out.count, seconds: Date().timeIntervalSince(start), stoppedByBudget: stopped))
        return out
    }

    /// Mean validation accuracy per expression over `seeds`, for the expressions whose every seed finished.
    mutating func means(_ expressions: [String], proxy: String, seeds: [UInt64], name: String, until deadline: Date?) throws -> [String: Double] {
        let requests = expressions.flatMap { e in seeds.map { EvaluationRequest(expression: e, proxy: proxy, seed: $0) } }
        let results = try run(name, requests, until: deadline, chunk: max(2, seeds.count))
        var sums: [String: (Double, Int)] = [:]
        for r in results { sums[r.request.expression, default: (0, 0)].0 += r.metrics.validationAccuracy; sums[r.request.expression]!.1 += 1 }
        return sums.filter { $0.value.1 == seeds.count }.mapValues { $0.0 / Double($0.1) }
    }

    /// Test accuracies per expression, one per seed in order.
    mutating func results(_ expressions: [String], proxy: String, seeds: [UInt64], name: String) throws -> [String: [Double]] {
        let requests = expressions.flatMap { e in seeds.map { EvaluationRequest(expression: e, proxy: proxy, seed: $0) } }
        let results = try run(name, requests, until: nil, chunk: 16)
        return Dictionary(grouping: results, by: \.request.expression).mapValues { $0.map(\.metrics.testAccuracy) }
    }
}
