import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Reports
import Tensors

/// `actlab train`: one image classifier (the digits CNN, an MLP, or a model file) trained on a
/// Kaggle `train.csv` or an MNIST IDX folder, saved with its history and charts.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train digits-cnn, mlp, deep-mlp or a model .json on Kaggle train.csv or MNIST IDX files; save the model, history and charts.")

    @Option(help: "digits-cnn, mlp (one hidden relu layer), deep-mlp (six) or a model .json file.") var model = DigitsCNN.id
    @Option(help: "A Kaggle train.csv or a folder of MNIST IDX files (its training set).") var data: String = DataLocation.defaultMNIST
    @Option(parsing: .unconditional, help: "Training epochs.") var epochs = "30"
    @Option(parsing: .unconditional, help: "Mini-batch size; a size above the number of images takes them all.") var batchSize = "64"
    @Option(parsing: .unconditional, help: "Hold out this last fraction of the rows for validation (Keras validation_split).") var validationSplit: String?
    @Option(parsing: .unconditional, help: "Hold out a shuffled fraction (0.166 in the article) or count for validation (scikit-learn train_test_split, random_state --seed).") var testSize: String?
    @Option(help: "Optimizer: adam, rmsprop or sgd (Keras defaults).") var optimizer = "adam"
    @Option(parsing: .unconditional, help: "Learning rate (default: the optimizer's Keras default).") var learningRate: String?
    @Option(parsing: .unconditional, help: "Seed for weights, shuffling and the split.") var seed = "0"
    @Option(help: "Output folder (default runs/train-<timestamp>); it must be new or empty unless --force.") var out: String?
    @Flag(help: "Replace the output folder if it already holds files.") var force = false
    @Flag(help: "No progress output.") var quiet = false
    @Option(parsing: .unconditional, help: "Save a checkpoint every N epochs (DIR/checkpoint/ when finished; beside DIR while running) so --resume can continue a killed run.")
    var checkpointEvery: String?
    @Option(help: ArgumentHelp("Continue the run in DIR from its last checkpoint, to the same final weights as an uninterrupted run; give the other options as before (--epochs may grow).", valueName: "DIR"))
    var resume: String?
    @OptionGroup var training: TrainingFlags

    func validate() throws {
        try OptionValue.path(model, "--model", naming: "a model id or file")
        try OptionValue.path(data, "--data", naming: "a file or folder")
    }

    func run() throws {
        var c = ImageClassifierTraining.Configuration()
        c.epochs = try OptionValue.whole(epochs, "--epochs", in: 1...OptionLimits.epochs)
        c.batchSize = try OptionValue.whole(batchSize, "--batch-size", in: 1...Int.max)
        c.seed = try OptionValue.seed(seed, "--seed")
        c.holdOut = try holdOut()
        c.optimizer = optimizer
        if let learningRate {
            let rate = try OptionValue.positive(learningRate, "--learning-rate")
            guard Float(rate).isFinite, Float(rate) > 0 else { throw CommandError("--learning-rate must be a positive finite number in Float's range, got '\(learningRate)'") }
            c.learningRate = Float(rate)
        }
        guard Optimizers.ids.contains(optimizer) else {
            throw CommandError("--optimizer must be one of \(Optimizers.ids.joined(separator: ", ")), got '\(optimizer)'")
        }
        if let checkpointEvery { c.checkpointEvery = try OptionValue.whole(checkpointEvery, "--checkpoint-every", in: 1...OptionLimits.epochs) }
        if let resume { try OptionValue.path(resume, "--resume", naming: "a run folder") }
        guard resume == nil || out == nil || out == resume else { throw CommandError("--resume continues the run in its own folder; leave out --out") }
        let path = try resume.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? outputPath()
        let running = Self.runningCheckpoint(for: path)
        c.checkpointFolder = running
        var checkpoint: TrainingCheckpoint?
        if let resume {
            let source = FileManager.default.fileExists(atPath: running) ? running : path + "/checkpoint"
            guard FileManager.default.fileExists(atPath: source + "/state.json") else {
                throw CommandError("--resume \(resume): no checkpoint to continue from (train with --checkpoint-every N)")
            }
            do { checkpoint = try TrainingCheckpoint.load(from: source) } catch let e as ExperimentError { throw CommandError("\(e)") }
        }
        let network = try checkpoint?.model ?? loadModel(seed: c.seed)
        let folder = try RunFolder(claiming: path, replace: force || resume != nil)
        Interruption.removeOnImmediateExit(folder.staging)
        let (images, labels) = try loadData(layout: ImageClassifierTraining.layout(for: network))
        if let expected = network.inputShape, expected != Array(images.shape.dropFirst()) {
            folder.discard()
            throw CommandError("--model \(model) takes inputs of shape \(expected) but --data \(data) holds images of \(Array(images.shape.dropFirst()))")
        }
        let token = Interruption.cooperativeToken()
        // Progress nobody reads stops training at its batch, as a signal does; finished epochs are saved.
        let progress = ProgressOutput(cancelling: token)
        var callbacks: [any Callback] = [TerminateOnNaN(snapshot: .everyEpoch)]
        if !quiet { callbacks.append(ProgressBar(mode: Console.isTerminal ? .bar : .linePerEpoch, write: progress.write)) }
        callbacks += try training.callbacks(trainingInputs: images).list
        let result: ImageClassifierTraining.Result
        do {
            result = try ImageClassifierTraining(configuration: c).run(model: network, images: images, labels: labels,
                                                                        callbacks: callbacks, resume: checkpoint, cancellation: token)
        } catch let e as ExperimentError {
            folder.discard()
            throw CommandError("\(e)")
        } catch let e as SplitError {
            folder.discard()
            throw CommandError("--test-size \(testSize ?? ""): \(e)")
        }
        guard result.history.epochs > 0 else {
            folder.discard()
            throw CommandError("stopped before the first epoch finished; nothing was written to \(folder.path)")
        }
        let report = TrainingReport(model: network.name, history: result.history, final: result.final, secondsPerEpoch: result.secondsPerEpoch)
        try report.write(to: folder.staging)
        try network.save(to: folder.file("model.json"))
        // The checkpoint lives beside the folder while training (a killed run's staging folder
        // is cleared by the next claim); a copy goes into the finished run.
        if FileManager.default.fileExists(atPath: running) {
            do { try FileManager.default.copyItem(atPath: running, toPath: folder.file("checkpoint")) } catch {
                throw CommandError("\(running): cannot copy the checkpoint into the run (\(error.localizedDescription))")
            }
        }
        try folder.commit()
        if result.complete { try? FileManager.default.removeItem(atPath: running) }
        let saved = "\(folder.path)/ (model.json, model.safetensors, history.json/.csv, accuracy.svg, loss.svg, results.json)"
        do {
            try progress.check()
            if !result.complete { throw CommandError("interrupted after \(result.history.epochs) epochs: saved in \(saved)") }
            let figures = result.final.keys.sorted().filter { $0.hasSuffix("accuracy") || $0.hasSuffix("loss") }
                .map { "\($0) \(String(format: "%.4f", result.final[$0]!))" }.joined(separator: ", ")
            try Console.print("\(figures); \(String(format: "%.2f", result.secondsPerEpoch)) s per epoch")
            try Console.print("Results written to \(saved)")
        } catch let e as OutputError {
            throw CommandError("\(e); saved in \(saved)")
        }
    }

    /// `.<name>.checkpoint` beside the run folder `path`.
    static func runningCheckpoint(for path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).checkpoint"
    }

    func holdOut() throws -> ImageClassifierTraining.HoldOut {
        switch (validationSplit, testSize) {
        case (nil, nil): return .none
        case (.some, .some): throw CommandError("--validation-split and --test-size both hold out data; give one")
        case (let split?, nil):
            let f = try OptionValue.positive(split, "--validation-split")
            guard f < 1 else { throw CommandError("--validation-split must be a fraction between 0 and 1, got '\(split)'") }
            return .validationSplit(f)
        case (nil, let size?):
            let trimmed = size.trimmingCharacters(in: .whitespaces)
            if let count = Int(trimmed) {
                guard count >= 1 else { throw CommandError("--test-size must be a fraction in (0, 1) or a count of at least 1, got '\(size)'") }
                return .testSize(.count(count))
            }
            let f = try OptionValue.positive(size, "--test-size")
            guard f < 1 else { throw CommandError("--test-size must be a fraction in (0, 1) or a whole count, got '\(size)'") }
            return .testSize(.fraction(f))
        }
    }

    func loadModel(seed: UInt64) throws -> Sequential {
        if ImageClassifierTraining.modelIDs.contains(model) { return try ImageClassifierTraining.model(id: model, seed: seed) }
        guard model.hasSuffix(".json") else {
            throw CommandError("--model must be \(ImageClassifierTraining.modelIDs.joined(separator: ", ")) or a model .json file, got '\(model)'")
        }
        return try Sequential.load(from: model)
    }

    func loadData(layout: ImageLayout) throws -> (Tensor, [Int]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isFolder) else { throw CommandError("--data \(data): no such file or folder") }
        if isFolder.boolValue {
            let mnist = try MNIST.load(directory: data, shape: layout)
            return (mnist.trainImages, mnist.trainLabels)
        }
        let train = try KaggleDigits.loadTrain(path: data, shape: layout)
        return (train.images, train.labels)
    }

    func outputPath() throws -> String {
        guard let out else {
            let f = DateFormatter()
            f.dateFormat = "yyyyMMdd-HHmmss"
            f.locale = Locale(identifier: "en_US_POSIX")
            return "runs/train-" + f.string(from: Date())
        }
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandError("--out must name a folder, got an empty path") }
        return out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
    }
}
