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
    @Option(parsing: .unconditional, help: "Epochs per configuration; the median is reported.") var epochs = "3"

    func validate() throws {
        try OptionValue.path(data, "--data", naming: "a folder")
    }

    func run() throws {
        let epochs = try OptionValue.whole(epochs, "--epochs", in: 1...OptionLimits.epochs)
        let pairs = try BenchConfig.parse(configs)
        let mnist = try MNIST.load(directory: data)
        guard mnist.trainImages.rows > 0 else { throw CommandError("\(data): the training set holds no images; nothing to time") }
        let y = oneHot(mnist.trainLabels, classes: 10)
        var results = [[String: Any]]()
        for (batch, optimizer) in pairs {
            let model = try MLP.make(depth: 1, activation: .relu)
            try model.compile(optimizer: Optimizers.named(optimizer), loss: CategoricalCrossEntropy(), metrics: ["accuracy"])
            // As Keras does, a batch larger than the data is the whole data.
            let history = try model.fit(x: mnist.trainImages, y: y, epochs: epochs, batchSize: min(batch, mnist.trainImages.rows))
            let seconds = history.seconds.sorted()
            let median = seconds[seconds.count / 2]
            let flops = MLP.trainingFlopsPerSample(model) * Double(mnist.trainImages.rows)
            results.append([
                "batch_size": batch, "optimizer": optimizer, "epochs": epochs,
                "seconds_per_epoch": round4(median), "all_epoch_seconds": seconds.map(round4),
                "samples_per_second": Int(Double(mnist.trainImages.rows) / median),
                "gflops_per_second": round4(flops / median / 1e9), "gflop_per_epoch": round4(flops / 1e9),
                "train_accuracy": round4(history["accuracy"].last ?? 0),
            ])
        }
        let doc: [String: Any] = ["benchmark": "mlp", "network": "784-512(relu)-10(softmax)", "threads": Parallel.coreCount, "results": results]
        let json = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        try Console.print(String(decoding: json, as: UTF8.self))
    }
}

/// `--configs` of `bench mlp`: batch:optimizer pairs, every one checked before any timing starts.
enum BenchConfig {
    static func parse(_ text: String) throws -> [(batch: Int, optimizer: String)] {
        let pairs = try commaList(text).map { pair -> (batch: Int, optimizer: String) in
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw CommandError("--configs: '\(pair)' should be batch:optimizer, e.g. 128:rmsprop") }
            let batch = try OptionValue.whole(parts[0], "--configs batch size", in: 1...Int.max)
            guard Optimizers.ids.contains(parts[1].lowercased()) else {
                throw CommandError("--configs: '\(pair)': the optimizer must be one of \(Optimizers.ids.joined(separator: ", "))")
            }
            return (batch, parts[1].lowercased())
        }
        guard !pairs.isEmpty else { throw CommandError("--configs must list at least one batch:optimizer pair, got '\(text)'") }
        return pairs
    }
}

func round4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
