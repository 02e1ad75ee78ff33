import ArgumentParser
import Reports
import Sweeps

/// `actlab sweep plan FILE`: the runs a sweep file expands to, with their ids, without running any.
struct SweepPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "List a sweep file's runs (index, id, configuration) without running them.")

    @Argument(help: "The sweep file (JSON).") var file: String

    func run() throws {
        try OptionValue.path(file, "FILE", naming: "a sweep file")
        let plan = try SweepPlan(try SweepFile.load(path: file))
        let table = MarkdownTable(headers: ["index", "id", "run"],
                                  rows: plan.runs.enumerated().map { ["\($0.offset)", $0.element.id, plan.label($0.element)] },
                                  rightAligned: [0])
        try Console.write(table.text)
        try Console.print("\(plan.runs.count) runs of \(plan.task); baseline \(plan.baseline)")
    }
}
