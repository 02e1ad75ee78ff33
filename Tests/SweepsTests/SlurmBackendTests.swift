import Foundation
import Testing
@testable import Sweeps

/// The batch script: every path quoted for bash, the array as compact ranges, nothing a shell could run from a name.
@Suite struct SlurmBackendTests {
    @Test func arraySpecsAreCompact() {
        #expect(SlurmBackend.arraySpec([0, 1, 2, 3]) == "0-3")
        #expect(SlurmBackend.arraySpec([12, 3, 7, 10, 11, 9, 0, 1, 2]) == "0-3,7,9-12")
        #expect(SlurmBackend.arraySpec([5]) == "5")
    }

    @Test func scriptQuotesPaths() throws {
        let plan = try SweepPlan(SweepFiles.parse(#"{"name": "a b;$(rm -rf x)", "task": "curve-fit", "activations": ["relu"], "seeds": 4}"#))
        let backend = try SlurmBackend(executable: "/opt/my tools/actlab", sweepFile: "/data/it's.json",
                                       store: SweepResultStore(folder: "/shared/out $HOME"), cpusPerTask: 2, dataFolder: "/d/mnist",
                                       options: ["--time=10"])
        #expect(backend.script(plan, indices: [0, 1, 3]) == """
            #!/bin/bash
            #SBATCH --job-name=actlab-sweep-a_b___rm_-rf_x_
            #SBATCH --array=0-1,3
            #SBATCH --cpus-per-task=2
            #SBATCH --output='/shared/out $HOME/logs/%A_%a.log'
            #SBATCH --time=10
            # One run of the sweep per array task; results land in the output folder, one file per run.
            exec '/opt/my tools/actlab' sweep run '/data/it'\\''s.json' --index "$SLURM_ARRAY_TASK_ID" --out '/shared/out $HOME' --data '/d/mnist'

            """)
    }

    @Test func unsafePathsAndOptionsAreRefused() throws {
        #expect(throws: SweepError("the sweep file path contains a control character, which a batch script cannot hold")) {
            try SlurmBackend(executable: "/a", sweepFile: "/b\nc", store: SweepResultStore(folder: "/o"))
        }
        #expect(throws: SweepError("/o'x: a Slurm output folder cannot contain ' or %; choose another --out")) {
            try SlurmBackend(executable: "/a", sweepFile: "/b", store: SweepResultStore(folder: "/o'x"))
        }
        #expect(throws: SweepError("Slurm option '--time=1 --x' must be one --name=value with no spaces")) {
            try SlurmBackend(executable: "/a", sweepFile: "/b", store: SweepResultStore(folder: "/o"), options: ["--time=1 --x"])
        }
    }

    @Test func relativePathsBecomeAbsolute() throws {
        let backend = try SlurmBackend(executable: "bin/actlab", sweepFile: "s.json", store: SweepResultStore(folder: "out/"))
        let here = FileManager.default.currentDirectoryPath
        #expect(backend.executable == here + "/bin/actlab")
        #expect(backend.sweepFile == here + "/s.json")
        #expect(backend.store.folder == here + "/out")
    }
}
