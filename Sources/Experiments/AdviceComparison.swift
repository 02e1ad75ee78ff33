import Foundation

/// Comparing two measured accuracies honestly: with several seeds, a difference counts only when it
/// exceeds twice its standard error; with one seed, only when it exceeds `singleSeedMargin`.
struct AdviceComparison {
    enum Outcome { case higher, lower, tooClose }

    /// Run-to-run spread of an MNIST test accuracy with one seed (the same network retrained with
    /// other seeds moves by about this much), below which one run cannot rank two activations.
    static let singleSeedNoise = 0.003

    /// One run's margin: seed-to-seed spread, or twice the binomial standard error of an accuracy
    /// measured on `testImages` images (2,000 images put it near 0.01), whichever is larger.
    static func singleSeedMargin(accuracy p: Double, testImages n: Double?) -> Double {
        guard let n, n > 0, p.isFinite, p >= 0, p <= 1 else { return singleSeedNoise }
        return max(singleSeedNoise, 2 * (p * (1 - p) / n).squareRoot())
    }

    let evidence: AdviceEvidence

    /// `a` against `b`, both figure names with an `_sd` sibling (e.g. `mnist-mlp/test_accuracy_sd/...`)
    /// and a `seeds` one when several seeds ran; nil when either is missing.
    func compare(_ a: String, _ b: String) -> (outcome: Outcome, a: Double, b: Double, noise: String)? {
        guard let va = evidence.figures[a], let vb = evidence.figures[b] else { return nil }
        let (sa, sb) = (evidence.figures[sibling(a, "_sd")], evidence.figures[sibling(b, "_sd")])
        let (na, nb) = (seeds(a), seeds(b))
        let margin: Double, noise: String
        if let sa, let sb, na > 1, nb > 1 {
            margin = 2 * (sa * sa / na + sb * sb / nb).squareRoot()
            noise = "mean of \(Int(na)) seeds, noise margin ±\(String(format: "%.4f", margin))"
        } else {
            let testImages = a.split(separator: "/").first.flatMap { evidence.figures["\($0)/test_images"] }
            margin = Self.singleSeedMargin(accuracy: max(va, vb), testImages: testImages)
            noise = "one seed, so differences under \(String(format: "%.3f", margin)) count as noise"
        }
        let outcome: Outcome = va - vb > margin ? .higher : vb - va > margin ? .lower : .tooClose
        return (outcome, va, vb, noise)
    }

    /// `mnist-mlp/test_accuracy/relu/depth1` with `_sd` → `mnist-mlp/test_accuracy_sd/relu/depth1`.
    private func sibling(_ name: String, _ suffix: String) -> String {
        var parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return name + suffix }
        parts[1] += suffix
        return parts.joined(separator: "/")
    }

    private func seeds(_ name: String) -> Double {
        var parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return 1 }
        parts[1] = "seeds"
        return evidence.figures[parts.joined(separator: "/")] ?? 1
    }

    /// The standard finding for "a beats b": backed, contradicted or within the noise.
    func finding(_ a: String, over b: String, names: (String, String), context: String) -> AdviceFinding? {
        guard let c = compare(a, b) else { return nil }
        let figures = "\(names.0) \(adviceNumber(c.a)) vs \(names.1) \(adviceNumber(c.b)) \(context) (\(c.noise))"
        switch c.outcome {
        case .higher: return AdviceFinding(.backed, figures + " — backed")
        case .lower: return AdviceFinding(.contradicted, figures + " — contradicted")
        case .tooClose: return AdviceFinding(.inconclusive, figures + " — within the noise, neither backed nor contradicted")
        }
    }
}

func adviceNumber(_ v: Double) -> String { String(format: "%.4f", v) }
