import Foundation
import Layers

/// The files of one `actlab train` run: `history.json` and `history.csv`, `accuracy.svg` and
/// `loss.svg` (training and validation per epoch, as the article plots them; PNG too when
/// `rsvg-convert` is installed) and `results.json` (final figures and seconds per epoch).
public struct TrainingReport {
    public let model: String
    public let history: History
    public let final: [String: Double]
    public let secondsPerEpoch: Double

    public init(model: String, history: History, final: [String: Double], secondsPerEpoch: Double) {
        self.model = model
        self.history = history
        self.final = final
        self.secondsPerEpoch = secondsPerEpoch
    }

    /// The chart of `metric` and `val_<metric>` against the epoch (from 1).
    public func chart(_ metric: String) -> LineChart {
        var series = [ChartSeries]()
        for (key, label) in [(metric, "train"), ("val_" + metric, "validation")] where !history[key].isEmpty {
            let values = history[key]
            let first = history.epochs - values.count + 1
            series.append(ChartSeries(label, x: values.indices.map { Double(first + $0) }, y: values))
        }
        return LineChart(title: "\(model): \(metric)", xLabel: "epoch", yLabel: metric, series: series)
    }

    /// Writes every file into `folder` (which must exist); returns their names.
    @discardableResult
    public func write(to folder: String) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(history), to: folder + "/history.json")
        try AtomicFile.write(history.csv, to: folder + "/history.csv")
        var names = ["history.json", "history.csv"]
        for metric in ["accuracy", "loss"] where !history[metric].isEmpty {
            names += try chart(metric).write(to: folder + "/\(metric).svg").map { ($0 as NSString).lastPathComponent }
        }
        var results: [String: JSONValue] = ["model": .string(model), "epochs": .int(history.epochs),
                                            "seconds_per_epoch": .number(secondsPerEpoch)]
        for (key, value) in final where value.isFinite { results[key] = .number(value) }
        try AtomicFile.write(try encoder.encode(results), to: folder + "/results.json")
        return names + ["results.json"]
    }
}
