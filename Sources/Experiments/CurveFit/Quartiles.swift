/// Median and quartiles by linear interpolation between order statistics (NumPy's default).
///
/// A local stand-in: once the shared `Statistics.summary` exists, the curve-fit summary can
/// take its median and quartiles from there; the definition is the same.
enum Quartiles {
    /// The q-th quantile (0...1) of `values`, which must not be empty.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        let position = q * Double(s.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, s.count - 1)
        return s[low] + (s[high] - s[low]) * (position - Double(low))
    }
}
