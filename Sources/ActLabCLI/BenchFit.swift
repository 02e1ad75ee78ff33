import ArgumentParser
import Experiments
import Foundation
import Layers
import Tensors

/// `actlab bench fit`: one experiment-C fit (1-2-1, 300 epochs, 1,200 Adam steps), timed on
/// one thread through the tiny-network trainer and through `Sequential.fit`.
struct BenchFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Seconds per 300-epoch cos fit of the 1-2-1 network (median), tiny trainer and Sequential.fit.")

    @Option(help: "Hidden activation.") var activation = "relu"
    @Option(parsing: .unconditional, help: "Fits timed per trainer (at least 20); the median is reported.") var fits = "50"

    func run() throws {
        let fits = try OptionValue.whole(fits, "--fits", in: 1...OptionLimits.repeats)
        guard fits >= 20 else { throw CommandError("--fits must be at least 20 so that the median means something, got \(fits)") }
        var c = CurveFit.Configuration()
        c.activations = [try OptionValue.activation(activation, "--activation")]
        let experiment: CurveFit
        do { experiment = try CurveFit(configuration: c) } catch let e as CurveFitError { throw CommandError("\(e)") }
        let f = experiment.activations[0]
        guard TinyDenseTrainer.supports(f) else { throw CommandError("--activation \(activation) is not element-wise and noise-free, so it has no tiny-trainer path to time") }
        let x = experiment.x.map(Float.init), y = experiment.y.map(Float.init)
        let layers: [TinyDenseTrainer.LayerSpec] = [.init(units: c.units, activation: f), .init(units: 1)]
        let tiny = try time(fits) { seed in
            let net = try TinyDenseTrainer(inputs: 1, layers: layers, seed: seed)
            try net.fit(x: x, y: y, epochs: c.epochs, batchSize: c.batchSize, optimizer: Adam(learningRate: c.learningRate))
        }
        let xt = Tensor(shape: [x.count, 1], scalars: x), yt = Tensor(shape: [y.count, 1], scalars: y)
        let general = try time(fits) { seed in
            let model = Sequential(seed: seed) { Dense(c.units, activation: f, inputShape: [1]); Dense(1) }
            try model.compile(optimizer: Adam(learningRate: c.learningRate), loss: MeanSquaredError())
            try model.fit(x: xt, y: yt, epochs: c.epochs, batchSize: c.batchSize)
        }
        let doc: [String: Any] = [
            "benchmark": "fit", "network": "1-\(c.units)(\(f.id))-1", "epochs": c.epochs, "batch_size": c.batchSize,
            "adam_steps": c.epochs * ((c.points + c.batchSize - 1) / c.batchSize), "fits": fits,
            "seconds_per_fit": tiny.median, "seconds_per_fit_quartiles": tiny.quartiles,
            "sequential_seconds_per_fit": general.median, "sequential_seconds_per_fit_quartiles": general.quartiles,
            "cpu_seconds_per_fit": tiny.cpu, "sequential_cpu_seconds_per_fit": general.cpu,
            "speedup": (general.median / tiny.median * 10).rounded() / 10,
        ]
        let json = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        try Console.print(String(decoding: json, as: UTF8.self))
    }

    /// Each fit timed on its own (seeds 0, 1, ...), after one untimed warm-up: the median wall
    /// time, its quartiles, and the median of the thread's CPU time (what a busy machine's
    /// other processes do not add to).
    private func time(_ count: Int, _ body: (UInt64) throws -> Void) throws -> (median: Double, quartiles: [Double], cpu: Double) {
        try body(UInt64.max)
        var seconds = [Double](), cpu = [Double]()
        for seed in 0..<count {
            let start = ContinuousClock.now, cpuStart = threadCPUSeconds()
            try body(UInt64(seed))
            let d = ContinuousClock.now - start
            cpu.append(threadCPUSeconds() - cpuStart)
            seconds.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        seconds.sort()
        cpu.sort()
        let q = { (p: Double) in seconds[Int((Double(count - 1) * p).rounded())] }
        let sig = { (v: Double) in Double(String(format: "%.3g", v))! }
        return (sig(q(0.5)), [sig(q(0.25)), sig(q(0.75))], sig(cpu[(count - 1) / 2]))
    }

    private func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
