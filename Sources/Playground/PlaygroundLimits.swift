/// The bounds every request is checked against before anything is allocated, so that one page
/// cannot make the server train something that takes minutes or gigabytes.
public enum PlaygroundLimits {
    public static let hiddenLayers = 1...4
    public static let units = 1...64
    public static let epochs = 1...5_000
    public static let batchSize = 1...1_024
    /// Training points of the 1-D and 2-D tasks.
    public static let points = 10...2_000
    /// Training images of the MNIST task.
    public static let images = 100...5_000
    public static let learningRate = 1e-6...10.0
    public static let expressionLength = 200
    /// Seeds per activation in a comparison.
    public static let compareSeeds = 2...10
    /// Epochs of one comparison run: a comparison trains 2 x seeds networks while the page waits.
    public static let compareEpochs = 1...2_000
    /// The largest JSON text a client may send.
    public static let messageBytes = 16 * 1024
}
