/// A sweep expanded into its runs: every activation with every grid combination and every seed,
/// in a fixed order (activations as listed; parameters by name, values as listed; seeds innermost),
/// which `--index` and job-array task numbers refer to.
public struct SweepPlan: Codable, Sendable, Equatable {
    public var name: String
    public var task: String
    public var baseline: SweepActivation
    /// Grid parameters with more than one value: what the collected table shows beside the activation.
    public var varied: [String]
    public var runs: [SweepRun]

    /// Sweeps of more runs are refused before anything is expanded.
    public static let maximumRuns = 100_000

    public init(name: String, task: String, baseline: SweepActivation, varied: [String], runs: [SweepRun]) {
        self.name = name
        self.task = task
        self.baseline = baseline
        self.varied = varied
        self.runs = runs
    }

    /// Expands `file`, checking the count first and every run with its task.
    public init(_ file: SweepFile) throws {
        guard let task = SweepTasks.named(file.task) else { throw SweepError("\(file.path): unknown task '\(file.task)'") }
        var count = file.activations.count
        var factors = ["\(file.activations.count) activations", "\(file.seeds.count) seeds"]
        var overflow = false
        for n in [file.seeds.count] + file.grid.map(\.values.count) {
            (count, overflow) = count.multipliedReportingOverflow(by: n)
            if overflow { break }
        }
        factors += file.grid.filter { $0.values.count > 1 }.map { "\($0.values.count) \($0.name) values" }
        guard !overflow, count <= Self.maximumRuns else {
            throw SweepError("\(file.path): \(factors.joined(separator: " x ")) is \(overflow ? "more than \(Int.max)" : "\(count)") runs; a sweep may hold at most \(Self.maximumRuns)")
        }
        let defaults = Dictionary(uniqueKeysWithValues: task.parameters.map { ($0.name, $0.defaultValue) })
        var combinations: [[String: SweepValue]] = [defaults]
        for (name, values) in file.grid {
            combinations = combinations.flatMap { c in values.map { v in c.merging([name: v]) { $1 } } }
        }
        var runs = [SweepRun]()
        runs.reserveCapacity(count)
        for activation in file.activations {
            for parameters in combinations {
                let first = SweepRun(task: task.id, model: file.model, activation: activation, seed: file.seeds[0], parameters: parameters)
                do { try task.validate(first) } catch {
                    let given = file.grid.map(\.name)
                    throw SweepError("\(file.path): run \(first.label(parameters: given)): \(error)")
                }
                for seed in file.seeds {
                    var run = first
                    run.seed = seed
                    runs.append(run)
                }
            }
        }
        self.init(name: file.name, task: task.id, baseline: file.baseline,
                  varied: file.grid.filter { $0.values.count > 1 }.map(\.name), runs: runs)
    }

    /// The run numbered `index`, or an error saying which numbers exist.
    public func run(at index: Int) throws -> SweepRun {
        guard runs.indices.contains(index) else {
            throw SweepError("run index \(index) is out of range; this sweep has runs 0 to \(runs.count - 1)")
        }
        return runs[index]
    }

    /// The run's label with the parameters that vary in this sweep.
    public func label(_ run: SweepRun) -> String { run.label(parameters: varied) }
}
