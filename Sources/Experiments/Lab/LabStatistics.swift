/// The few sample statistics the lab needs before the `Statistics` module lands; after the merge
/// these calls can move to `Statistics.summary` (same definitions: sample standard deviation, n - 1).
public enum LabStatistics {
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (n - 1); 0 for a single value.
    public static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
}
