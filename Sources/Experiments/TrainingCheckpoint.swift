import Foundation
import Layers
import Tensors

/// Everything a stopped `ImageClassifierTraining` run needs to continue to the same final
/// weights: the model (`model.json` + `model.safetensors`), the optimizer's slots
/// (`optimizer.safetensors`) and `state.json` (epochs done, history so far, generator states,
/// shuffle order, and the settings it was trained with). A checkpoint folder is written beside
/// its destination and renamed into place, so a killed run leaves the previous one whole.
public struct TrainingCheckpoint {
    public struct State: Codable, Equatable {
        /// Epochs finished.
        public var epoch: Int
        public var history: History
        /// `Sequential.randomState`, as decimal strings (JSON numbers lose 64-bit integers).
        public var randomState: [String]
        public var shuffleOrder: [Int]
        public var optimizerStep: Int
        /// The settings that must match to resume (all but the epoch count).
        public var settings: String
    }

    public let state: State
    public let model: Sequential
    public let optimizer: OptimizerState

    /// Reads the checkpoint in `folder`; errors name the file.
    public static func load(from folder: String) throws -> TrainingCheckpoint {
        let statePath = folder + "/state.json"
        guard let data = FileManager.default.contents(atPath: statePath) else { throw ExperimentError("\(statePath): no checkpoint state") }
        let state: State
        do { state = try JSONDecoder().decode(State.self, from: data) } catch { throw ExperimentError("\(statePath): not a checkpoint state file") }
        let model = try Sequential.load(from: folder + "/model.json")
        try model.build()
        let tensors = try Safetensors.read(path: folder + "/optimizer.safetensors").tensors
        let parameters = model.parameters
        var slots = [[Tensor]](repeating: [], count: parameters.count)
        for (name, value) in tensors {
            let parts = name.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), slots.indices.contains(i) else {
                throw ExperimentError("\(folder)/optimizer.safetensors: unexpected tensor '\(name)'")
            }
            slots[i].append(value)
        }
        return TrainingCheckpoint(state: state, model: model, optimizer: OptimizerState(step: state.optimizerStep, slots: slots))
    }

    /// Writes `model`'s checkpoint after `epoch` epochs into `folder`, replacing the one there.
    public static func save(model: Sequential, epoch: Int, history: History, settings: String, to folder: String) throws {
        guard let optimizer = model.compiledOptimizer as? any ResumableOptimizer else {
            throw ExperimentError("the optimizer cannot be saved in a checkpoint")
        }
        let partial = folder + ".partial", old = folder + ".old"
        try? FileManager.default.removeItem(atPath: partial)
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        try model.save(to: partial + "/model.json")
        let o = optimizer.state(for: model.parameters)
        var tensors = [(name: String, value: Tensor)]()
        for (i, slots) in o.slots.enumerated() {
            for (j, t) in slots.enumerated() { tensors.append(("\(i)/\(j)", t)) }
        }
        try AtomicFile.write(try Safetensors(tensors: tensors).encoded(), to: partial + "/optimizer.safetensors")
        let state = State(epoch: epoch, history: history, randomState: model.randomState.map(String.init),
                          shuffleOrder: model.shuffleOrder, optimizerStep: o.step, settings: settings)
        try AtomicFile.write(try JSONEncoder().encode(state), to: partial + "/state.json")
        try? FileManager.default.removeItem(atPath: old)
        if FileManager.default.fileExists(atPath: folder), rename(folder, old) != 0 {
            throw ExperimentError("\(folder): cannot move the previous checkpoint aside")
        }
        guard rename(partial, folder) == 0 else { throw ExperimentError("\(folder): cannot move the checkpoint into place") }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Puts the optimizer state, generators and shuffle order back into `model` (compiled).
    func restore(into model: Sequential) throws {
        guard let optimizer = model.compiledOptimizer as? any ResumableOptimizer else {
            throw ExperimentError("the optimizer cannot be restored from a checkpoint")
        }
        let words = state.randomState.compactMap(UInt64.init)
        guard words.count == state.randomState.count else { throw ExperimentError("checkpoint random state is not whole numbers") }
        try optimizer.restore(self.optimizer, for: model.parameters)
        try model.restoreRandomState(words)
        try model.restoreShuffleOrder(state.shuffleOrder)
    }
}

/// Writes a `TrainingCheckpoint` every `every` epochs (and keeps the history the checkpoint holds).
final class CheckpointWriter: Callback {
    let folder: String, every: Int, settings: String
    var history: History
    private weak var model: Sequential?
    private var started = ContinuousClock.now

    init(folder: String, every: Int, settings: String, history: History) {
        (self.folder, self.every, self.settings, self.history) = (folder, every, settings, history)
    }

    func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws { self.model = model }
    func onEpochBegin(_ epoch: Int) throws { started = .now }

    func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        let d = ContinuousClock.now - started
        history.append(logs, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        guard let model, (epoch + 1) % every == 0 else { return }
        try TrainingCheckpoint.save(model: model, epoch: epoch + 1, history: history, settings: settings, to: folder)
    }
}
