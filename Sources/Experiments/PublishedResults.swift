/// Test accuracies the source articles report, to print beside ours (never used to compute anything).
public enum PublishedResults {
    /// MNIST MLP after 5 epochs, by hidden activation and number of hidden layers.
    public static func mnistMLP(activation: String, depth: Int) -> Double? {
        switch (activation, depth) {
        case ("linear", 1): return 0.918
        case ("sigmoid", 1): return 0.967
        case ("tanh", 1): return 0.978
        case ("relu", 1): return 0.982
        case ("linear", 6): return 0.877
        case ("sigmoid", 6): return 0.955
        default: return nil
        }
    }
}
