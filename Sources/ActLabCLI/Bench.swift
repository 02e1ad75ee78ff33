import ArgumentParser

/// `actlab bench`: performance figures as JSON.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure speed; prints JSON.",
        subcommands: [BenchMLP.self, BenchActivations.self, BenchCNN.self, BenchFit.self, BenchKaggleCSV.self])
}
