import ArgumentParser
import Foundation
import Layers
import Reports
import Tensors

/// `--diagnostics` and `--tensorboard DIR`, for any command that trains: add
/// `@OptionGroup var training: TrainingFlags` and pass `training.callbacks(...)` to fit.
struct TrainingFlags: ParsableArguments {
    @Flag(help: "Add per-layer diagnostics to the history (dead and saturated units, activation mean/std, gradient norm, update/weight ratio) and draw them.")
    var diagnostics = false
    @Option(help: ArgumentHelp("Also write TensorBoard event files under this folder (train/ and validation/ per run); view them with `tensorboard --logdir DIR`.",
                               valueName: "DIR"))
    var tensorboard: String?

    func validate() throws {
        guard let tensorboard else { return }
        try OptionValue.path(tensorboard, "--tensorboard", naming: "a folder")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: tensorboard, isDirectory: &isFolder), !isFolder.boolValue {
            throw CommandError("--tensorboard \(tensorboard): exists and is not a folder")
        }
    }

    /// The callbacks the flags ask for, diagnostics first so that TensorBoard logs them too.
    /// `trainingInputs` is what diagnostics sample (its first 10,000 rows). The folder is
    /// created now, so a folder that cannot be made fails before anything trains.
    func callbacks(trainingInputs: Tensor) throws -> TrainingCallbacks {
        var list: [any Callback] = []
        if diagnostics { list.append(Diagnostics(sample: trainingInputs)) }
        var board: TensorBoard?
        if let tensorboard {
            do { try FileManager.default.createDirectory(atPath: tensorboard, withIntermediateDirectories: true) } catch {
                throw CommandError("--tensorboard \(tensorboard): cannot create the folder (\(error.localizedDescription))")
            }
            board = TensorBoard(logDir: tensorboard)
            list.append(board!)
        }
        return TrainingCallbacks(list: list, tensorBoard: board, root: tensorboard)
    }
}

/// The callbacks of `TrainingFlags`, and a way to give each run of a multi-run command its own
/// TensorBoard subfolder.
struct TrainingCallbacks {
    let list: [any Callback]
    let tensorBoard: TensorBoard?
    let root: String?

    /// Sends the next fit's event files to `DIR/<run>/`.
    func beginRun(named run: String) {
        if let tensorBoard, let root { tensorBoard.logDir = root + "/" + run }
    }
}
