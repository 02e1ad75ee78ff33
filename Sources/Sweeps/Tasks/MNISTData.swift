import Datasets
import Synchronization

/// MNIST loaded once per process for every run that asks for the same folder and subset:
/// parallel runs and a sweep's many runs share one copy instead of reading the files each time.
enum MNISTData {
    private struct Key: Hashable { var folder: String, train: Int, test: Int, shape: ImageLayout }
    private static let cache = Mutex<[Key: MNIST]>([:])

    static func load(_ context: SweepContext, train: Int, test: Int, shape: ImageLayout = .flat) throws -> MNIST {
        let key = Key(folder: try context.dataFolder("mnist"), train: train, test: test, shape: shape)
        if let data = cache.withLock({ $0[key] }) { return data }
        let data = try MNIST.load(directory: key.folder, limitTrain: train, limitTest: test, shape: shape)
        cache.withLock { $0[key] = data }
        return data
    }

    /// The subset sizes every MNIST task takes.
    static let parameters: [SweepParameter] = [
        SweepParameter("train_samples", .whole(1...60_000), default: .number(60_000), help: "training images used (the first ones)"),
        SweepParameter("test_samples", .whole(1...10_000), default: .number(10_000), help: "test images used (the first ones)"),
    ]
}
