import Experiments
import Foundation

/// A sweep's finished runs brought together: per configuration (activation and varied
/// parameters, over the seeds) each metric's summary, and each activation paired with the
/// baseline where seeds match, plus which runs are still missing.
public struct SweepCollection: Codable, Sendable, Equatable {
    /// One configuration over its seeds.
    public struct Group: Codable, Sendable, Equatable {
        public var activation: String
        /// The varied parameters' values (`SweepValue` text).
        public var parameters: [String: String]
        public var seeds: [UInt64]
        /// Per metric, the values in seed order as run.
        public var values: [String: [Double]]
        public var summaries: [String: SampleSummary]
        /// Per history key, the mean curve over the seeds (as long as the shortest).
        public var meanHistory: [String: [Double]]
    }

    public var name: String
    public var task: String
    public var metrics: [String]
    public var higherIsBetter: Bool
    public var varied: [String]
    public var baseline: String
    public var planned: Int
    public var finished: Int
    /// Ids of planned runs without a trusted result, in plan order.
    public var missing: [String]
    public var groups: [Group]
    public var comparisons: [PairedComparison]

    public var isComplete: Bool { missing.isEmpty }
}

/// Reads a sweep's output folder and computes its `SweepCollection`.
public enum SweepCollector {
    public static func collect(_ store: SweepResultStore) throws -> SweepCollection {
        let plan = try store.readPlan()
        guard let task = SweepTasks.named(plan.task) else { throw SweepError("\(store.planPath): unknown task '\(plan.task)'") }
        var results = [SweepResult](), missing = [String]()
        for run in plan.runs {
            if let r = store.result(for: run) { results.append(r) } else { missing.append(run.id) }
        }
        return collect(plan: plan, results: results, missing: missing, metrics: task.metrics, higherIsBetter: task.higherIsBetter)
    }

    /// The collection of `results` (in plan order) for `plan`.
    public static func collect(plan: SweepPlan, results: [SweepResult], missing: [String], metrics: [String],
                               higherIsBetter: Bool = true) -> SweepCollection {
        struct Key: Hashable { var activation: SweepActivation, parameters: [String: String] }
        var order = [Key](), byKey = [Key: [SweepResult]]()
        for r in results {
            let key = Key(activation: r.run.activation, parameters: Dictionary(uniqueKeysWithValues: plan.varied.map { ($0, r.run.parameters[$0]?.description ?? "-") }))
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(r)
        }
        let groups = order.map { key -> SweepCollection.Group in
            let runs = byKey[key]!
            var values = [String: [Double]](), summaries = [String: SampleSummary]()
            for m in metrics {
                let v = runs.compactMap { $0.measurement.metrics[m] }
                guard !v.isEmpty else { continue }
                values[m] = v
                summaries[m] = Statistics.summary(v)
            }
            var history = [String: [Double]]()
            for k in Set(runs.flatMap { $0.measurement.history.keys }) where !k.contains("/") {
                let curves = runs.map { $0.measurement.history[k] ?? [] }
                guard let n = curves.map(\.count).min(), n > 0 else { continue }
                history[k] = (0..<n).map { e in curves.map { $0[e] }.reduce(0, +) / Double(curves.count) }
            }
            return SweepCollection.Group(activation: key.activation.description, parameters: key.parameters,
                                         seeds: runs.map(\.run.seed), values: values, summaries: summaries, meanHistory: history)
        }
        var comparisons = [PairedComparison]()
        if let metric = metrics.first {
            for key in order where key.activation != plan.baseline {
                guard let base = byKey[Key(activation: plan.baseline, parameters: key.parameters)] else { continue }
                func bySeed(_ runs: [SweepResult]) -> [UInt64: Double] {
                    Dictionary(runs.compactMap { r in r.measurement.metrics[metric].map { (r.run.seed, $0) } }) { a, _ in a }
                }
                comparisons.append(.test(activation: key.activation.description, values: bySeed(byKey[key]!),
                                         baseline: plan.baseline.description, baselineValues: bySeed(base),
                                         parameters: key.parameters, metric: metric))
            }
            PairedComparison.adjust(&comparisons)
        }
        return SweepCollection(name: plan.name, task: plan.task, metrics: metrics, higherIsBetter: higherIsBetter,
                               varied: plan.varied, baseline: plan.baseline.description, planned: plan.runs.count,
                               finished: results.count, missing: missing, groups: groups, comparisons: comparisons)
    }
}
