import Datasets
import Foundation

/// One load of the repository's MNIST copy for the whole target: the first 5,000 training images
/// and the full 10,000-image test set.
enum SharedMNIST {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/mnist").path

    private static let loaded = Result { try MNIST.load(directory: directory, limitTrain: 5_000) }

    static func subset() throws -> MNIST { try loaded.get() }
}
