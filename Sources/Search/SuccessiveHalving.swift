import Activations
import Experiments
import Foundation


/// The search: every candidate once on the cheap proxy, the best fraction with more seeds on the
/// deep proxy, then the finalists with paired seeds against fixed baselines on the held-out split,
/// beside a random-search control given the same number of deep evaluations.
public struct SuccessiveHalving: Sendable {
    public let configuration: SearchConfiguration
    public let cheap: any ProxyTask
    public let deep: any ProxyTask
    public let evaluator: any CandidateEvaluator

    public init(configuration: SearchConfiguration, cheap: any ProxyTask, deep: any ProxyTask, evaluator: any CandidateEvaluator) {
        (self.configuration, self.cheap, self.deep, self.evaluator) = (configuration, cheap, deep, evaluator)
    }

    /// Runs the search over `pool`; `onEvent` sees progress from whichever thread makes it.
    public func run(_ pool: CandidatePool, onEvent: @escaping @Sendable (SearchEvent) -> Void = { _ in }) throws -> Leaderboard {
        let c = configuration
        try c.validate()
        guard !pool.candidates.isEmpty else { throw SearchError("no usable candidates: every expression was rejected or a duplicate") }
        onEvent(.candidatesReady(enumerated: pool.enumerated, rejected: pool.rejected, duplicates: pool.duplicates, kept: pool.candidates.count))
        let start = Date()
        let budget = c.budgetMinutes * 60
        var seconds: [String: Double] = [:], stopped: [String] = []
        var stage = Stage(evaluator: evaluator, onEvent: onEvent)

        // Stage 1: every candidate, one seed, cheap proxy.
        let cheapRequests = pool.candidates.map { EvaluationRequest(expression: $0.expression, proxy: cheap.name, seed: c.seed) }
        let cheapResults = try stage.run("cheap", cheapRequests, until: start + 0.4 * budget, chunk: 64)
        seconds["cheap"] = Date().timeIntervalSince(start)
        if cheapResults.count < cheapRequests.count { stopped.append("cheap") }
        let cheapScore = Dictionary(cheapResults.map { ($0.request.expression, $0.metrics.validationAccuracy) }, uniquingKeysWith: max)
        let cheapOrder = pool.candidates.enumerated()
            .compactMap { i, cand in cheapScore[cand.expression].map { (i, cand, $0) } }
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.map(\.1)

        // Stage 2: the best fraction, more seeds, deep proxy.
        let deepCount = min(cheapOrder.count, max(c.finalists, Int((c.deepFraction * Double(pool.candidates.count)).rounded())))
        let deepSeeds = (0..<UInt64(c.deepSeeds)).map { c.seed &+ $0 }
        let stage2Start = Date()
        let promoted = Array(cheapOrder.prefix(deepCount))
        let deepMeans = try stage.means(promoted.map(\.expression), proxy: deep.name, seeds: deepSeeds, name: "deep",
                                        until: start + 0.7 * budget)
        seconds["deep"] = Date().timeIntervalSince(stage2Start)
        if deepMeans.count < promoted.count { stopped.append("deep") }
        let deepOrder = promoted.filter { deepMeans[$0.expression] != nil }.sorted { deepMeans[$0.expression]! > deepMeans[$1.expression]! }

        // The control: as many candidates, drawn at random, on the same deep evaluations.
        var control: [Candidate] = []
        var controlMeans: [String: Double] = [:]
        if c.control {
            let controlStart = Date()
            control = RandomSearchControl.draw(deepOrder.count, from: pool.candidates, seed: c.seed)
            controlMeans = try stage.means(control.map(\.expression), proxy: deep.name, seeds: deepSeeds, name: "control", until: nil)
            control.sort { controlMeans[$0.expression]! > controlMeans[$1.expression]! }
            seconds["control"] = Date().timeIntervalSince(controlStart)
        }

        // Finals: finalists, the control's best, tracked expressions and baselines, paired seeds, held-out split.
        var roles: [(String, [String])] = []
        func add(_ expression: String, _ role: String) {
            if let i = roles.firstIndex(where: { $0.0 == expression }) { roles[i].1.append(role) } else { roles.append((expression, [role])) }
        }
        for cand in deepOrder.prefix(c.finalists) { add(cand.expression, "search") }
        if let best = control.first { add(best.expression, "control") }
        for t in c.tracked { add(Self.canonical(t, in: pool), "tracked") }
        for b in c.baselines { add(b, "baseline") }
        let finalSeeds = (0..<UInt64(c.finalSeeds)).map { c.seed &+ $0 }
        let finalsStart = Date()
        let finalResults = try stage.results(roles.map(\.0), proxy: deep.name, seeds: finalSeeds, name: "finals")
        seconds["finals"] = Date().timeIntervalSince(finalsStart)
        seconds["total"] = Date().timeIntervalSince(start)
        let finals = Self.finals(roles, finalResults, seed: c.seed)

        func ranked(_ cand: Candidate) -> Leaderboard.Ranked {
            Self.ranked(cand, cheapRank: cheapOrder.firstIndex(of: cand).map { $0 + 1 }, cheap: cheapScore[cand.expression],
                        deepRank: deepOrder.firstIndex(of: cand).map { $0 + 1 }, deep: deepMeans[cand.expression] ?? controlMeans[cand.expression])
        }
        let tracked = c.tracked.map { text -> Leaderboard.Tracked in
            let expression = Self.canonical(text, in: pool)
            let cand = pool.candidates.first { $0.expression == expression }
            let note = cand == nil ? "not in the pool (rejected or not drawn)"
                : expression == text ? "in the pool as written" : "in the pool as \(expression), which computes the same"
            return Leaderboard.Tracked(expression: text, cheapRank: cand.flatMap { cheapOrder.firstIndex(of: $0) }.map { $0 + 1 },
                                       deepRank: cand.flatMap { deepOrder.firstIndex(of: $0) }.map { $0 + 1 },
                                       finalRank: finals.first { $0.expression == expression }?.rank, note: note)
        }
        return Leaderboard(configuration: c, cheapProxy: cheap.name, deepProxy: deep.name, enumerated: pool.enumerated,
                           rejected: Dictionary(pool.rejected.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: +),
                           duplicates: pool.duplicates, candidates: pool.candidates.count,
                           deepStage: deepOrder.map(ranked), cheapStage: cheapOrder.map(ranked), control: control.map(ranked),
                           finals: finals, tracked: tracked, seconds: seconds, stoppedByBudget: stopped)
    }

    /// The pool's expression that computes what `text` computes, or `text` as printed.
    static func canonical(_ text: String, in pool: CandidatePool) -> String {
        guard let c = try? Candidate(text) else { return text }
        return pool.candidates.first { $0.fingerprint == c.fingerprint }?.expression ?? c.expression
    }

    static func ranked(_ c: Candidate, cheapRank: Int?, cheap: Double?, deepRank: Int?, deep: Double?) -> Leaderboard.Ranked {
        Leaderboard.Ranked(expression: c.expression, units: c.structure?.description ?? "", knownAs: KnownForm.name(of: c.tree),
                           takesXDirectly: c.structure?.takesXDirectly ?? false, cheapAccuracy: cheap, cheapRank: cheapRank,
                           deepAccuracy: deep, deepRank: deepRank)
    }

    static func finals(_ roles: [(String, [String])], _ results: [String: [Double]], seed: UInt64) -> [Leaderboard.Final] {
        let relu = results["relu"]!
        var entries = roles.map { expression, roles -> Leaderboard.Final in
            let values = results[expression]!
            let own = PairedBootstrap(values, values.map { _ in 0 }, seed: seed)
            let known = (try? ExpressionTree.parse(expression)).flatMap(KnownForm.name(of:))
            return Leaderboard.Final(rank: 0, expression: expression, knownAs: known, roles: roles, testAccuracies: values,
                                     mean: own.meanDifference, lower: own.lower, upper: own.upper,
                                     versusRelu: PairedBootstrap(values, relu, seed: seed))
        }
        entries.sort { $0.mean > $1.mean }
        for i in entries.indices { entries[i].rank = i + 1 }
        return entries
    }
}
