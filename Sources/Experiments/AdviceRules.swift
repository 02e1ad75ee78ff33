import Foundation

/// The articles' advice (seed-spec section 4), one rule per statement, in the order given there.
/// Figures read are those the report's experiments emit (see `LabSection.figures`).
public enum AdviceRules {
    public static let builtIn: [AdviceRule] = [
        outputLayer, reluDefault, deadUnits, eluCost, saturation, tanhOverSigmoid, depthNeedsNonLinearity, deepNetwork,
        ruleOfThumb, noUniversalBest,
    ]

    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var rules = AdviceRules.builtIn
    }
    private static let store = Store()

    /// Every rule, built-in then registered.
    public static var all: [AdviceRule] {
        store.lock.lock()
        defer { store.lock.unlock() }
        return store.rules
    }

    /// Adds a rule; one with the same id is replaced.
    public static func register(_ rule: AdviceRule) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.rules.removeAll { $0.id == rule.id }
        store.rules.append(rule)
    }

    static func accuracy(_ activation: String, depth: Int) -> String { "mnist-mlp/test_accuracy/\(activation)/depth\(depth)" }

    /// Experiment B's test accuracy for `activation`.
    static func synthetic(_ activation: String) -> String { "synthetic/test_accuracy/\(activation)" }

    static func syntheticContext(_ e: AdviceEvidence) -> String {
        "on the synthetic classification" + (e.figures["synthetic/test_images"].map { " (\(Int($0)) test rows)" } ?? "")
    }

    /// Several experiments' findings on one statement as one: agreeing verdicts keep theirs, backed
    /// against contradicted is inconclusive; a finding within the noise does not outvote a clear one.
    static func combined(_ findings: [AdviceFinding?]) -> AdviceFinding? {
        let found = findings.compactMap { $0 }
        guard let first = found.first else { return nil }
        guard found.count > 1 else { return first }
        let detail = found.map(\.detail).joined(separator: "; ")
        let clear = Set(found.map(\.verdict).filter { $0 == .backed || $0 == .contradicted })
        if clear.count > 1 { return AdviceFinding(.inconclusive, detail + " — the experiments disagree") }
        return AdviceFinding(clear.first ?? .inconclusive, detail)
    }

    /// The depth experiment's layer-1 / last-hidden-layer gradient ratio: sigmoid and tanh against
    /// relu (or against 1 without relu). Backed when each saturating one is at least ten times smaller.
    static func vanishingGradients(_ e: AdviceEvidence) -> AdviceFinding? {
        let saturating = ["sigmoid", "tanh"].compactMap { a in e.figures["depth/gradient_ratio/\(a)"].map { (a, $0) } }
        guard !saturating.isEmpty else { return nil }
        let reference = e.figures["depth/gradient_ratio/relu"]
        let base = reference ?? 1
        let layers = e.figures["depth/layers"].map { "\(Int($0))" } ?? "the last"
        let detail = "layer-1 / layer-\(layers) gradient norm in the deep network: "
            + saturating.map { "\($0.0) \(String(format: "%.3g", $0.1))" }.joined(separator: ", ")
            + (reference.map { " vs relu \(String(format: "%.3g", $0))" } ?? "")
        guard base > 0 else { return AdviceFinding(.inconclusive, detail + " — no reference gradient to compare with") }
        let vanishing = saturating.filter { $0.1 < base / 10 }.map(\.0)
        if vanishing.count == saturating.count { return AdviceFinding(.backed, detail + " — backed: the first layers' gradients vanish") }
        if saturating.allSatisfy({ $0.1 >= base }) { return AdviceFinding(.contradicted, detail + " — contradicted: no vanishing measured") }
        let rest = saturating.map(\.0).filter { !vanishing.contains($0) }
        return AdviceFinding(.inconclusive, detail + (vanishing.isEmpty ? " — some shrinking, less than tenfold"
            : " — partly: vanishing for \(vanishing.joined(separator: ", ")), not for \(rest.joined(separator: ", "))"))
    }

    static func epochs(_ e: AdviceEvidence, _ activation: String) -> String {
        e.figures["mnist-mlp/epochs/\(activation)/depth1"].map { "after \(Int($0)) epoch\($0 == 1 ? "" : "s")" } ?? "on MNIST"
    }

    static let outputLayer = AdviceRule(id: "output-activation", claim: { q in
        switch q.task {
        case .binary: return "Binary classification: one sigmoid output unit, trained with binary cross-entropy."
        case .multiclass: return "Multi-class classification: a softmax output layer (one unit per class), trained with categorical cross-entropy."
        case .regression: return "Regression: a linear output layer (no activation), trained with mean squared error."
        case nil: return "Output layer: sigmoid for binary classification, softmax for multi-class, linear for regression."
        }
    }, evaluate: { _, _ in nil })

    static let reluDefault = AdviceRule(id: "relu-default", claim: "Hidden layers: relu is the default; it learns faster than sigmoid.") { e, _ in
        let compare = AdviceComparison(evidence: e)
        return combined([
            compare.finding(accuracy("relu", depth: 1), over: accuracy("sigmoid", depth: 1), names: ("relu", "sigmoid"), context: epochs(e, "relu")),
            compare.finding(synthetic("relu"), over: synthetic("sigmoid"), names: ("relu", "sigmoid"), context: syntheticContext(e)),
        ])
    }

    static let deadUnits = AdviceRule(id: "dead-units", claim: "If many relu units die, use leaky relu (or maxout): they keep a gradient for negative inputs.") { e, _ in
        guard let relu = e.figures["curve-fit/dead_units/relu"], let leaky = e.figures["curve-fit/dead_units/leaky_relu"] else { return nil }
        let detail = "dead units in the curve fit: relu \(adviceNumber(relu)) vs leaky_relu \(adviceNumber(leaky))"
        if leaky < relu { return AdviceFinding(.backed, detail + " — backed") }
        if leaky > relu { return AdviceFinding(.contradicted, detail + " — contradicted") }
        return AdviceFinding(.inconclusive, detail + " — no difference measured")
    }

    static let eluCost = AdviceRule(id: "elu-cost", claim: "elu and selu avoid dead units but cost an exponential per unit; leaky relu is the fast choice.") { e, _ in
        guard let leaky = e.figures["plots/ns_per_element/leaky_relu"] else { return nil }
        let slow = ["elu", "selu"].compactMap { id in e.figures["plots/ns_per_element/\(id)"].map { (id, $0) } }
        guard !slow.isEmpty, leaky > 0 else { return nil }
        let detail = "forward cost per element: " + slow.map { "\($0.0) \(String(format: "%.2f", $0.1)) ns" }.joined(separator: ", ")
            + " vs leaky_relu \(String(format: "%.2f", leaky)) ns"
        // Timings of one pass move by tens of percent with other work on the machine.
        let ratios = slow.map { $0.1 / leaky }
        if ratios.allSatisfy({ $0 > 1.25 }) { return AdviceFinding(.backed, detail + " — backed") }
        if ratios.allSatisfy({ $0 < 0.8 }) { return AdviceFinding(.contradicted, detail + " — contradicted") }
        return AdviceFinding(.inconclusive, detail + " — within timing noise (25%)")
    }

    static let saturation = AdviceRule(id: "saturation", claim: "sigmoid and tanh saturate and cause vanishing gradients in deep networks.") { e, _ in
        let slope = e.figures["plots/max_derivative/sigmoid"].map { " (sigmoid's slope is at most \(adviceNumber($0)))" } ?? ""
        return combined([
            AdviceComparison(evidence: e).finding(accuracy("sigmoid", depth: 1), over: accuracy("sigmoid", depth: 6),
                                                  names: ("sigmoid with 1 hidden layer", "with 6"), context: epochs(e, "sigmoid") + slope),
            vanishingGradients(e),
        ])
    }

    static let tanhOverSigmoid = AdviceRule(id: "tanh-over-sigmoid", claim: "tanh is zero-centred and usually trains faster than sigmoid.") { e, _ in
        let compare = AdviceComparison(evidence: e)
        return combined([
            compare.finding(accuracy("tanh", depth: 1), over: accuracy("sigmoid", depth: 1), names: ("tanh", "sigmoid"), context: epochs(e, "tanh")),
            compare.finding(synthetic("tanh"), over: synthetic("sigmoid"), names: ("tanh", "sigmoid"), context: syntheticContext(e)),
        ])
    }

    static let depthNeedsNonLinearity = AdviceRule(id: "depth-needs-nonlinearity", claim: "Without a non-linearity, depth adds nothing: stacked linear layers are one linear map.") { e, _ in
        guard let c = AdviceComparison(evidence: e).compare(accuracy("linear", depth: 6), accuracy("linear", depth: 1)) else { return nil }
        let detail = "linear with 6 hidden layers \(adviceNumber(c.a)) vs 1 hidden layer \(adviceNumber(c.b)) (\(c.noise))"
        return c.outcome == .higher ? AdviceFinding(.contradicted, detail + " — contradicted: depth helped")
            : AdviceFinding(.backed, detail + " — backed: depth added nothing")
    }

    static let deepNetwork = AdviceRule(id: "deep-network", claim: { q in
        guard let d = q.depth else { return nil }
        return d >= 4
            ? "With \(d) hidden layers, prefer relu-family hidden activations (relu, leaky relu, elu, selu) over sigmoid and tanh: each saturating layer multiplies the gradient by its slope."
            : "With \(d) hidden layer\(d == 1 ? "" : "s"), saturation matters little; any activation trains, and relu stays the fast default."
    }, evaluate: { e, q in
        guard let d = q.depth else { return nil }
        guard let slope = e.figures["plots/max_derivative/sigmoid"] else {
            // Without the slope, the measured gradient profile of a deep network still speaks to many layers.
            return d >= 4 ? vanishingGradients(e) : nil
        }
        let shrink = "sigmoid's slope is at most \(adviceNumber(slope)), so through \(d) layers the gradient can shrink by \(String(format: "%.3g", pow(slope, Double(d))))"
        guard let c = AdviceComparison(evidence: e).compare(accuracy("sigmoid", depth: 1), accuracy("sigmoid", depth: 6)) else {
            return AdviceFinding(d >= 4 ? .backed : .inconclusive, shrink + (d >= 4 ? " — backed by the measured slope" : ""))
        }
        let measured = "; sigmoid with 1 hidden layer \(adviceNumber(c.a)) vs 6 \(adviceNumber(c.b)) (\(c.noise))"
        switch (c.outcome, d >= 4) {
        case (.higher, true): return AdviceFinding(.backed, shrink + measured + " — backed")
        case (.higher, false): return AdviceFinding(.backed, shrink + measured + " — consistent: the cost of saturation appeared only with many layers")
        case (.lower, _): return AdviceFinding(.contradicted, shrink + measured + " — contradicted: the deep sigmoid network did better")
        case (.tooClose, _): return AdviceFinding(.inconclusive, shrink + measured + " — within the noise")
        }
    })

    static let ruleOfThumb = AdviceRule(id: "rule-of-thumb", claim: "A rule of thumb: selu > elu > leaky relu > relu > tanh > sigmoid (elu where the architecture prevents self-normalisation).") { e, _ in
        let order = ["selu", "elu", "leaky_relu", "relu", "tanh", "sigmoid"]
        let measured = order.filter { e.figures[accuracy($0, depth: 1)] != nil }
        guard measured.count >= 2 else { return nil }
        let compare = AdviceComparison(evidence: e)
        var reversed = [String](), close = [String]()
        for (a, b) in zip(measured, measured.dropFirst()) {
            switch compare.compare(accuracy(a, depth: 1), accuracy(b, depth: 1))!.outcome {
            case .higher: break
            case .lower: reversed.append("\(b) beat \(a)")
            case .tooClose: close.append("\(a) ≈ \(b)")
            }
        }
        let ranking = measured.sorted { e.figures[accuracy($0, depth: 1)]! > e.figures[accuracy($1, depth: 1)]! }
            .map { "\($0) \(adviceNumber(e.figures[accuracy($0, depth: 1)]!))" }.joined(separator: " > ")
        let detail = "measured on MNIST \(epochs(e, measured[0])): \(ranking)"
        if !reversed.isEmpty { return AdviceFinding(.contradicted, detail + " — contradicted: " + reversed.joined(separator: ", ")) }
        if !close.isEmpty { return AdviceFinding(.inconclusive, detail + " — within the noise: " + close.joined(separator: ", ")) }
        return AdviceFinding(.backed, detail + " — backed for the \(measured.count) measured")
    }

    static let noUniversalBest = AdviceRule(id: "no-universal-best", claim: "No activation is best everywhere: compare them on your own data.") { e, _ in
        // The best activation of each experiment that ranks them (`<experiment>/test_accuracy/<activation>[/depth1]`).
        var best = [String: (String, Double)]()
        for (name, value) in e.figures {
            let p = name.split(separator: "/").map(String.init)
            guard p.count >= 3, p[1] == "test_accuracy", p.count == 3 || p[3] == "depth1" else { continue }
            if best[p[0]].map({ value > $0.1 }) ?? true { best[p[0]] = (p[2], value) }
        }
        guard !best.isEmpty else { return nil }
        let winners = best.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.0)" }.joined(separator: ", ")
        if Set(best.values.map(\.0)).count > 1 { return AdviceFinding(.backed, "best per experiment: \(winners) — backed") }
        return AdviceFinding(.inconclusive, "best per experiment: \(winners) — \(best.count == 1 ? "one experiment cannot show it" : "the same winner everywhere measured")")
    }
}
