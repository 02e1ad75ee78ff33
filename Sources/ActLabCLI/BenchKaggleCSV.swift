import ArgumentParser
import Datasets
import Foundation

/// `actlab bench kaggle-csv`: how fast the Kaggle digit-recognizer CSV files load.
struct BenchKaggleCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaggle-csv",
        abstract: "Seconds to load a Kaggle digit-recognizer train.csv (write one with actlab data kaggle-digits).")

    @Option(help: "A Kaggle-format train.csv.") var train: String
    @Option(parsing: .unconditional, help: "Loads to time; the median is reported.") var repeats = "5"

    func run() throws {
        let repeats = try OptionValue.whole(self.repeats, "--repeats", in: 1...OptionLimits.repeats)
        var seconds = [Double](), rows = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let loaded = try KaggleDigits.loadTrain(path: train)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            rows = loaded.labels.count
        }
        seconds.sort()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: train)[.size] as? Int) ?? 0
        let median = seconds[seconds.count / 2]
        let doc: [String: Any] = [
            "benchmark": "kaggle-csv", "file": train, "rows": rows, "bytes": bytes, "repeats": repeats,
            "seconds": round4(median), "all_seconds": seconds.map(round4),
            "megabytes_per_second": round4(Double(bytes) / median / 1e6),
        ]
        let json = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
        try Console.print(String(decoding: json, as: UTF8.self))
    }
}
