import Foundation
import Tensors

/// Writes each epoch's logs as a CSV row (Keras `CSVLogger`): `epoch` (from 0), then the sorted
/// keys; `NA` where a key is missing. The whole file is rewritten atomically every epoch, so a
/// crash never leaves a half-written row. With `append`, rows follow those of an existing file.
public final class CSVLogger: Callback {
    public let filename: String
    public let separator: String
    public let append: Bool

    private var lines: [String] = []
    private var keys: [String]?

    public init(filename: String, separator: String = ",", append: Bool = false) {
        self.filename = filename
        self.separator = separator
        self.append = append
    }

    public func onTrainBegin(model: Sequential, parameters: TrainingParameters) throws {
        lines = []
        keys = nil
        guard append, FileManager.default.fileExists(atPath: filename) else { return }
        let size = (try? FileManager.default.attributesOfItem(atPath: filename)[.size] as? Int) ?? 0
        try MemoryBudget.check(elements: size, bytesPerElement: 1, for: "the CSV log \(filename)")
        guard let text = try? String(contentsOfFile: filename, encoding: .utf8) else {
            throw LayerError.invalidData("\(filename): cannot read the CSV log to append to; expected a UTF-8 text file")
        }
        lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if let header = lines.first { keys = header.components(separatedBy: separator).dropFirst().map { $0 } }
    }

    public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        if keys == nil {
            keys = logs.keys.sorted()
            lines.append((["epoch"] + keys!).joined(separator: separator))
        }
        let cells = keys!.map { k in logs[k].map { "\($0)" } ?? "NA" }
        lines.append((["\(epoch)"] + cells).joined(separator: separator))
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: filename)
    }
}
