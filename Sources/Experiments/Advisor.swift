/// States the advice for a question and judges each statement by the evidence.
public enum Advisor {
    /// Every applicable rule's statement with its finding; rules with no bearing figures say
    /// "no measurement in <source>".
    public static func advise(_ question: AdviceQuestion, evidence: AdviceEvidence?, rules: [AdviceRule] = AdviceRules.all) -> [AdviceStatement] {
        rules.compactMap { rule in
            guard let claim = rule.claim(question) else { return nil }
            let finding = evidence.flatMap { rule.evaluate($0, question) }
                ?? AdviceFinding(.noMeasurement, evidence.map { "no measurement in \($0.source)" } ?? "no results folder given (--from)")
            return AdviceStatement(id: rule.id, claim: claim, finding: finding)
        }
    }
}
