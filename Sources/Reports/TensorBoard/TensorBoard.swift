import Foundation
import Layers

/// Keras's `TensorBoard` callback, scalars only: after each epoch, every logged value goes to an
/// event file under `logDir/train/`, and `val_` values (without the prefix) under
/// `logDir/validation/`, so `tensorboard --logdir DIR` overlays training and validation curves.
/// Plain keys get Keras's `epoch_` prefix (`epoch_loss`); keys naming a layer (`dense/grad_norm`)
/// keep their name, so TensorBoard groups them by layer.
public final class TensorBoard: Callback {
    /// Where the next training's event files go; change it between fits to keep runs apart.
    public var logDir: String
    private var train: TensorBoardEventFile?
    private var validation: TensorBoardEventFile?

    public init(logDir: String) { self.logDir = logDir }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        // Files are created lazily, so a fit that never finishes an epoch leaves only headers nowhere.
        train = nil
        validation = nil
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        let now = Date().timeIntervalSince1970
        var trainScalars: [(tag: String, value: Float)] = [], validationScalars: [(tag: String, value: Float)] = []
        for (key, value) in logs {
            if key.hasPrefix("val_") {
                validationScalars.append((Self.tag(String(key.dropFirst(4))), Float(value)))
            } else {
                trainScalars.append((Self.tag(key), Float(value)))
            }
        }
        if !trainScalars.isEmpty {
            if train == nil { train = try TensorBoardEventFile(directory: logDir + "/train") }
            try train!.write(TensorBoardEvent(wallTime: now, step: Int64(epoch), scalars: trainScalars))
        }
        if !validationScalars.isEmpty {
            if validation == nil { validation = try TensorBoardEventFile(directory: logDir + "/validation") }
            try validation!.write(TensorBoardEvent(wallTime: now, step: Int64(epoch), scalars: validationScalars))
        }
    }

    public func onTrainEnd(logs: Logs) throws {
        train = nil
        validation = nil
    }

    /// The TensorBoard tag for a logs key.
    public static func tag(_ key: String) -> String { key.contains("/") ? key : "epoch_" + key }
}
