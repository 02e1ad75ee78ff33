import Datasets
import Foundation
import Synchronization

/// The repository's MNIST copy, read once for every test that needs it.
enum SharedMNIST {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/mnist").path
    private static let cached = Mutex<MNIST?>(nil)

    @Sendable static func load() throws -> MNIST {
        try cached.withLock { m in
            if let m { return m }
            let loaded = try MNIST.load(directory: directory, limitTrain: 1_000, limitTest: 200)
            m = loaded
            return loaded
        }
    }
}
