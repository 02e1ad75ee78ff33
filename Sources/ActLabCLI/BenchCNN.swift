import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Tensors

/// `actlab bench cnn`: training speed of the article's digits CNN on MNIST, batch 64, Adam.
struct BenchCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn",
        abstract: "Seconds per epoch, images/s and GFLOP/s training the digits CNN (batch 64, Adam) on MNIST.")

    @Option(help: "Directory of MNIST-format IDX files.") var data: String = DataLocation.defaultMNIST
    @Option(parsing: .unconditional, help: "Training images to use (the first ones).") var limit = "35000"
    @Option(parsing: .unconditional, help: "Epochs to time; the median is reported.") var epochs = "2"
    @Option(parsing: .unconditional, help: "Batches to time layer by layer afterwards (0: none).") var profileBatches = "20"

    func validate() throws {
        try OptionValue.path(data, "--data", naming: "a folder")
    }

    func run() throws {
        let epochs = try OptionValue.whole(epochs, "--epochs", in: 1...OptionLimits.epochs)
        let limit = try OptionValue.whole(limit, "--limit", in: 1...Int.max)
        let profileBatches = try OptionValue.whole(profileBatches, "--profile-batches", in: 0...100_000)
        let mnist = try MNIST.load(directory: data, limitTrain: limit, limitTest: 1)
        let n = mnist.trainImages.rows
        guard n > 0 else { throw CommandError("\(data): the training set holds no images; nothing to time") }
        guard mnist.imageShape == Array(DigitsCNN.imageShape.prefix(2)) else {
            throw CommandError("\(data): images are \(mnist.imageShape); the digits CNN takes 28x28")
        }
        let x = try mnist.trainImages.reshaped([n] + DigitsCNN.imageShape)
        let y = oneHot(mnist.trainLabels, classes: DigitsCNN.classes)
        let batch = 64
        let model = DigitsCNN.make(seed: 0)
        try model.compile(optimizer: Adam(), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
        let history = try model.fit(x: x, y: y, epochs: epochs, batchSize: min(batch, n))
        let seconds = history.seconds
        let median = seconds.sorted()[seconds.count / 2]
        let flops = DigitsCNN.trainingFlopsPerSample(model) * Double(n)
        let profile = try LayerProfile.measure(model, x: x, batchSize: batch, batches: profileBatches)
        let layers: [[String: Any]] = profile.map {
            ["layer": $0.layer, "forward_ms": round4($0.forwardSeconds * 1e3), "backward_ms": round4($0.backwardSeconds * 1e3)]
        }
        let result: [String: Any] = [
            "batch_size": batch, "optimizer": "adam", "epochs": epochs, "images": n,
            "seconds_per_epoch": round4(median), "all_epoch_seconds": seconds.map(round4),
            "images_per_second": Int(Double(n) / median), "samples_per_second": Int(Double(n) / median),
            "gflops_per_second": round4(flops / median / 1e9), "gflop_per_epoch": round4(flops / 1e9),
            "train_accuracy": round4(history["accuracy"].last ?? 0), "layer_ms_per_batch": layers,
        ]
        let doc: [String: Any] = ["benchmark": "cnn", "network": "digits-cnn (3 conv blocks, 345,338 parameters)",
                                  "threads": Parallel.coreCount, "blas_kernel": BLAS.kernelName, "results": [result]]
        let json = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        try Console.print(String(decoding: json, as: UTF8.self))
    }
}
