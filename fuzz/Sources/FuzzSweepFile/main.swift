import Foundation
import FuzzDriver
import Sweeps

/// Sweep-file bytes: parsed and planned (the run count is bounded before expanding), or refused
/// with one SweepError line that names the file.
let fuzzSweepFile: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = Data(fuzzInput(data, size))
    do {
        let file = try SweepFile.parse(bytes, path: "sweep.json")
        let plan = try SweepPlan(file)
        for run in plan.runs.prefix(3) { precondition(run.id.count == 16, "run id \(run.id)") }
    } catch let error as SweepError {
        precondition(error.description.hasPrefix("sweep.json") && !error.description.contains("\n"), "\(error)")
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}

runFuzzer(fuzzSweepFile)
