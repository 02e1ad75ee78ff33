import Layers

/// Diagnostics drawn from a `History`: for each `<layer>/<metric>` family one chart, a line per
/// layer over the epochs (epoch 1 first).
public enum DiagnosticsCharts {
    public static func charts(_ history: History, title: String) -> [(metric: String, chart: LineChart)] {
        Diagnostics.metrics.compactMap { metric -> (String, LineChart)? in
            let keys = history.keys.filter { $0.hasSuffix("/" + metric) }
            guard !keys.isEmpty else { return nil }
            // Layer order, not alphabetical order: dense_10 after dense_9.
            let sorted = keys.sorted { order($0) < order($1) }
            let series = sorted.map { key -> ChartSeries in
                let values = history[key]
                let first = history.epochs - values.count + 1
                return ChartSeries(String(key.dropLast(metric.count + 1)), x: values.indices.map { Double(first + $0) }, y: values)
            }
            return (metric, LineChart(title: "\(title): \(metric.replacingOccurrences(of: "_", with: " ")) per layer",
                                      xLabel: "epoch", yLabel: metric, series: series))
        }
    }

    /// (base name, numeric suffix): `dense` < `dense_1` < `dense_2` < `dense_10`.
    static func order(_ key: String) -> (String, Int) {
        let layer = key.split(separator: "/").first.map(String.init) ?? key
        if let underscore = layer.lastIndex(of: "_"), let n = Int(layer[layer.index(after: underscore)...]) {
            return (String(layer[..<underscore]), n)
        }
        return (layer, 0)
    }
}
