import ArgumentParser

/// The `actlab` command: compare activations, inspect models, run benchmarks.
public struct ActLab: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "actlab",
        abstract: "ActivationLab: compare activation functions by training real networks.",
        subcommands: [Compare.self, Fit.self, Depth.self, Sweep.self, Report.self, Advise.self, Summary.self, Evaluate.self, Train.self, Predict.self, Bench.self,
                      Show.self, Plot.self, List.self, DataCommand.self, SearchCommand.self, Serve.self],
        defaultSubcommand: Compare.self)

    public init() {}
}
