/// A mean accumulated over batches: each batch adds the sum of its values and how many there were.
struct RunningMean {
    private var sum = 0.0
    private var count = 0

    mutating func add(_ sum: Double, count: Int) {
        self.sum += sum
        self.count += count
    }

    /// 0 before anything was added, as Keras reports an empty metric.
    var value: Double { count == 0 ? 0 : sum / Double(count) }
}
