import Datasets
import Experiments
import Foundation
import Synchronization
import Tensors

/// Everything that makes a proxy task: its data and its network, so a process that did not
/// build the search (a sweep run, a job-array task) builds the very same proxy and gets the
/// same numbers. `make(mnistFolder:)` builds each configuration once per process.
public struct ProxyConfiguration: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case cheap, deep }
    public enum Source: String, Codable, Sendable, CaseIterable { case synthetic, mnist }

    public var kind: Kind
    public var source: Source
    /// Synthetic data: training rows (half as many each validate and test), features, seed.
    public var rows = 600
    public var features = 8
    public var dataSeed: UInt64 = 0
    /// MNIST: training images, validation images after them, the first `trainLimit` of the
    /// training ones only (0: all), and images averaged over `pool` x `pool` blocks (1: none).
    public var trainRows = 8000
    public var validationRows = 2000
    public var trainLimit = 0
    public var pool = 1
    /// The network: hidden layers (the cheap proxy's `hidden`, the deep one's `depth`), their units, training.
    public var layers: Int
    public var units: Int
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Float

    /// The proxies' own defaults for `kind`.
    public init(kind: Kind, source: Source) {
        (self.kind, self.source) = (kind, source)
        switch kind {
        case .cheap: (layers, units, epochs, batchSize, learningRate) = (3, 16, 6, 32, 0.005)
        case .deep: (layers, units, epochs, batchSize, learningRate) = (8, 64, 3, 64, 0.001)
        }
    }

    /// Checks the sizes before any data is loaded or network built (a sweep file states them).
    public func check() throws {
        guard layers >= 1, units >= 1, epochs >= 1, batchSize >= 1, learningRate.isFinite, learningRate > 0 else {
            throw SearchError("\(kind) proxy: layers, units, epochs, batch size and learning rate must be positive")
        }
        let inputs: Int, classes: Int
        switch source {
        case .synthetic:
            guard features >= 6 else { throw SearchError("synthetic search data needs at least 6 features (4 informative, 2 redundant), got \(features)") }
            try MemoryBudget.check(elements: MemoryBudget.product([rows, 2, features]) ?? -1, for: "the synthetic search data")
            (inputs, classes) = (features, 4)
        case .mnist:
            guard trainRows + validationRows <= 60_000 else {
                throw SearchError("MNIST has 60000 training images; training + validation rows are \(trainRows + validationRows)")
            }
            guard pool >= 1, 28 % pool == 0 else { throw SearchError("MNIST's 28x28 images pool only by a divisor of 28, got \(pool)") }
            (inputs, classes) = ((28 / pool) * (28 / pool), 10)
        }
        try MLP.checkMemory(inputs: inputs, hiddenUnits: units, depth: layers, classes: classes, batchSize: batchSize)
    }

    /// The data this configuration trains on, read from `mnistFolder` for MNIST.
    public func data(mnistFolder: String?) throws -> SearchData {
        try check()
        var data: SearchData
        switch source {
        case .synthetic:
            data = try SearchData.synthetic(rows: rows, features: features, seed: dataSeed)
        case .mnist:
            guard let mnistFolder else { throw SearchError("no MNIST folder given for an MNIST proxy") }
            let mnist = try MNIST.load(directory: mnistFolder, limitTrain: trainRows + validationRows)
            data = try SearchData.mnist(mnist, trainRows: trainRows, validationRows: validationRows)
        }
        if trainLimit > 0 { data = try data.limitingTraining(to: trainLimit) }
        if pool > 1 { data = try data.pooled(by: pool) }
        return data
    }

    /// The proxy itself, built from data already loaded.
    public func proxy(on data: SearchData) throws -> any ProxyTask {
        switch kind {
        case .cheap:
            try MLP.checkMemory(inputs: data.features, hiddenUnits: units, depth: layers, classes: data.classes, batchSize: batchSize)
            var p = CheapProxy(data: data)
            (p.hidden, p.units, p.epochs, p.batchSize, p.learningRate) = (layers, units, epochs, batchSize, learningRate)
            return p
        case .deep:
            return try DeepProxy(data: data, depth: layers, units: units, epochs: epochs, batchSize: batchSize, learningRate: learningRate)
        }
    }

    private struct Key: Hashable { var configuration: ProxyConfiguration, folder: String? }
    private static let cache = Mutex<[Key: any ProxyTask]>([:])

    /// The proxy, built once per process and configuration (loading its data is most of the cost).
    public func make(mnistFolder: String?) throws -> any ProxyTask {
        let key = Key(configuration: self, folder: source == .mnist ? mnistFolder : nil)
        if let proxy = Self.cache.withLock({ $0[key] }) { return proxy }
        let proxy = try proxy(on: try data(mnistFolder: mnistFolder))
        Self.cache.withLock { $0[key] = proxy }
        return proxy
    }
}
