import ArgumentParser
import Datasets
import Experiments
import Foundation
import Layers
import Tensors

/// `actlab bench mlp`: training speed of the relu 784-512-10 net on MNIST.
struct BenchMLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Seconds per epoch, samples/s and GFLOP/s training the relu 784-512-10 MNIST net.")

    @Option(help: "Directory of MNIST-format IDX files.") var data: String = DataLocation.defaultMNIST
    @Option(help: "Batch sizes and optimizers to time, as batch:optimizer pairs.") var configs = "128:rmsprop,32:adam"
    @Option(help: "Epochs per configuration; the median is reported.") var epochs = 3

    func run() throws {
        guard epochs > 0 else { throw ValidationError("--epochs must be positive, got \(epochs)") }
        let mnist = try MNIST.load(directory: data)
        let y = oneHot(mnist.trainLabels, classes: 10)
        var results = [[String: Any]]()
        for pair in commaList(configs) {
            let parts = pair.split(separator: ":").map(String.init)
            guard parts.count == 2, let batch = Int(parts[0]), batch > 0 else {
                throw ValidationError("--configs: '\(pair)' should be batch:optimizer, e.g. 128:rmsprop")
            }
            let model = try MLP.make(depth: 1, activation: .relu)
            try model.compile(optimizer: Optimizers.named(parts[1]), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
            let history = try model.fit(x: mnist.trainImages, y: y, epochs: epochs, batchSize: batch)
            let seconds = history.seconds.sorted()
            let median = seconds[seconds.count / 2]
            let flops = MLP.trainingFlopsPerSample(model) * Double(mnist.trainImages.rows)
            results.append([
                "batch_size": batch, "optimizer": parts[1], "epochs": epochs,
                "seconds_per_epoch": round4(median), "all_epoch_seconds": seconds.map(round4),
                "samples_per_second": Int(Double(mnist.trainImages.rows) / median),
                "gflops_per_second": round4(flops / median / 1e9), "gflop_per_epoch": round4(flops / 1e9),
                "train_accuracy": round4(history["accuracy"].last ?? 0),
            ])
        }
        let doc: [String: Any] = ["benchmark": "mlp", "network": "784-512(relu)-10(softmax)", "threads": Parallel.coreCount, "results": results]
        let json = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        Console.print(String(decoding: json, as: UTF8.self))
    }
}

func round4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
