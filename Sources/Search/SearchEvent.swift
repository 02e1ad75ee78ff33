/// What a search reports as it goes; the caller decides how to show it (the library never prints).
public enum SearchEvent: Sendable {
    case candidatesReady(enumerated: Int, rejected: [CandidateFilter.Rejection: Int], duplicates: Int, kept: Int)
    case stageStarted(stage: String, evaluations: Int)
    case evaluated(stage: String, done: Int, total: Int, reused: Bool)
    case stageFinished(stage: String, evaluated: Int, seconds: Double, stoppedByBudget: Bool)
}
