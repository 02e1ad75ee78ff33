import ArgumentParser

/// `actlab sweep`: many runs of one experiment from a sweep file, here or on a Slurm cluster.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a grid of activations, seeds and hyperparameters from a JSON sweep file.",
        discussion: """
            actlab sweep plan FILE                   list the runs and their ids
            actlab sweep run FILE --out DIR          run them here (finished ids are skipped)
            actlab sweep run FILE --out DIR --backend slurm   submit the missing ones as a job array
            actlab sweep status DIR                  finished, failed and missing runs
            actlab sweep collect DIR                 statistics, table and charts in DIR/summary
            """,
        subcommands: [SweepPlanCommand.self, SweepRunCommand.self, SweepStatusCommand.self, SweepCollectCommand.self])
}
