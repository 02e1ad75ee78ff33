/// The task a network's output serves, which decides its output activation and loss.
public enum AdviceTask: String, CaseIterable, Sendable {
    case binary, multiclass, regression
}

/// What was asked: the task (nil: every task, as in the report) and the planned number of hidden layers.
public struct AdviceQuestion: Sendable, Equatable {
    public var task: AdviceTask?
    public var depth: Int?
    public init(task: AdviceTask? = nil, depth: Int? = nil) {
        self.task = task
        self.depth = depth
    }
}

/// How a measurement bears on a statement.
public enum AdviceVerdict: String, Codable, Sendable {
    case backed
    case contradicted
    /// Measured, but the difference is within the noise of the measurement.
    case inconclusive
    case noMeasurement = "no measurement"
}

/// A verdict and the figures behind it, e.g. "relu 0.9797 vs sigmoid 0.9683 after 5 epochs".
public struct AdviceFinding: Sendable, Equatable {
    public var verdict: AdviceVerdict
    public var detail: String
    public init(_ verdict: AdviceVerdict, _ detail: String) {
        self.verdict = verdict
        self.detail = detail
    }
}

/// One statement of the articles' advice, with an evaluator that looks for evidence in measured figures.
/// A new statement is a new `AdviceRule` passed to `AdviceRules.register`.
public struct AdviceRule: Sendable {
    public let id: String
    /// The statement for a question, or nil when it does not apply (another task's output layer).
    public let claim: @Sendable (AdviceQuestion) -> String?
    /// The finding from the figures, or nil when none of them bears on the statement.
    public let evaluate: @Sendable (AdviceEvidence, AdviceQuestion) -> AdviceFinding?

    public init(id: String, claim: @escaping @Sendable (AdviceQuestion) -> String?,
                evaluate: @escaping @Sendable (AdviceEvidence, AdviceQuestion) -> AdviceFinding?) {
        self.id = id
        self.claim = claim
        self.evaluate = evaluate
    }

    /// A rule whose statement is the same for every question.
    public init(id: String, claim: String, evaluate: @escaping @Sendable (AdviceEvidence, AdviceQuestion) -> AdviceFinding?) {
        self.init(id: id, claim: { _ in claim }, evaluate: evaluate)
    }
}

/// One rule's statement and what the figures say about it.
public struct AdviceStatement: Sendable, Equatable {
    public var id: String
    public var claim: String
    public var finding: AdviceFinding

    /// Two lines: `[backed] relu-default: <claim>` and the indented evidence.
    public var text: String { "[\(finding.verdict.rawValue)] \(id): \(claim)\n    \(finding.detail)" }
}
