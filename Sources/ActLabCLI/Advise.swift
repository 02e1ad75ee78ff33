import ArgumentParser
import Experiments

/// `actlab advise`: the articles' advice for a task, each statement backed or contradicted by a run's figures.
struct Advise: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "State the articles' advice on activations for a task; with --from, check each statement against a run's measurements.")

    @Option(help: "What the network predicts: binary, multiclass or regression.") var task: String
    @Option(parsing: .unconditional, help: "Planned number of hidden layers, for depth-specific advice.") var depth: String?
    @Option(help: "A folder written by actlab report or actlab compare whose figures back or contradict the advice.")
    var from: String?

    func run() throws {
        guard let kind = AdviceTask(rawValue: task.lowercased()) else {
            throw CommandError("--task must be one of \(AdviceTask.allCases.map(\.rawValue).joined(separator: ", ")), got '\(task)'")
        }
        let layers = try depth.map { try OptionValue.whole($0, "--depth", in: 1...OptionLimits.depth) }
        let evidence: AdviceEvidence?
        do { evidence = try from.map { try AdviceEvidence.load(folder: $0) } } catch let e as ExperimentError {
            throw CommandError(e.description)
        }
        let statements = Advisor.advise(AdviceQuestion(task: kind, depth: layers), evidence: evidence)
        for s in statements { try Console.print(s.text) }
        if let evidence {
            let counts = Dictionary(grouping: statements, by: \.finding.verdict).mapValues(\.count)
            try Console.print("\n\(statements.count) statements checked against \(evidence.source): "
                + [AdviceVerdict.backed, .contradicted, .inconclusive, .noMeasurement].map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
        }
    }
}
