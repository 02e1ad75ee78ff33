import Datasets
import Foundation
import Tensors
import Synchronization

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

    /// The data this configuration trains on, read from `mnistFolder` for MNIST.
    public func data(mnistFolder: String?) throws -> SearchData {
        var data: SearchData
        switch source {
        case .synthetic:
            try MemoryBudget.check(elements: MemoryBudget.product([rows, 2, features]) ?? Int.max, for: "the synthetic search data")
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
            guard layers >= 1, units >= 1, epochs >= 1, batchSize >= 1 else {
                throw SearchError("cheap proxy: layers, units, epochs and batch size must be positive")
            }
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
