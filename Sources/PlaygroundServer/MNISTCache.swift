import Datasets
import Synchronization

/// The MNIST subset the playground trains on, read from disk the first time a page asks and
/// kept for every later training (reading and checking the files takes about a second).
final class MNISTCache: Sendable {
    let directory: String
    private let loaded = Mutex<Result<MNIST, PlaygroundMNISTError>?>(nil)

    /// Enough rows for the largest request (`PlaygroundLimits.images`) and its validation fifth.
    static let trainImages = 5_000
    static let testImages = 1_000

    init(directory: String) { self.directory = directory }

    func load() throws -> MNIST {
        try loaded.withLock { cached in
            if let cached { return try cached.get() }
            let result: Result<MNIST, PlaygroundMNISTError>
            do {
                result = .success(try MNIST.load(directory: directory, limitTrain: Self.trainImages, limitTest: Self.testImages))
            } catch {
                result = .failure(PlaygroundMNISTError(description: "\(error)".split(separator: "\n").joined(separator: " ")))
            }
            cached = result
            return try result.get()
        }
    }
}

/// Why the MNIST files could not be read, kept so that later requests get the same answer at once.
struct PlaygroundMNISTError: Error, CustomStringConvertible {
    let description: String
}
