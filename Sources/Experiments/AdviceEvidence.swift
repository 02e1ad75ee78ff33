import Foundation

/// Measured figures to judge the advice by, and where they came from.
public struct AdviceEvidence: Sendable, Equatable {
    /// The folder (or other description) the figures were read from, named in "no measurement in …".
    public var source: String
    /// Figures named as `LabSection.figures` names them.
    public var figures: [String: Double]

    public init(source: String, figures: [String: Double]) {
        self.source = source
        self.figures = figures
    }

    /// `results.json` files above this are not ours (the full report's is a few megabytes).
    static let maximumBytes = 256 << 20

    /// The figures of an `actlab report` or `actlab compare` folder; a one-line `ExperimentError`
    /// naming the folder and what was expected when it is neither.
    public static func load(folder: String) throws -> AdviceEvidence {
        guard !folder.isEmpty else { throw ExperimentError("--from must name a results folder, got an empty path") }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw ExperimentError("\(folder): no such folder")
        }
        guard isFolder.boolValue else { throw ExperimentError("\(folder): not a folder; --from takes a folder written by actlab compare or actlab report") }
        let path = (folder as NSString).appendingPathComponent("results.json")
        guard FileManager.default.fileExists(atPath: path) else {
            throw ExperimentError("\(folder): no results.json, so not a folder written by actlab compare or actlab report")
        }
        // stat follows a link; a FIFO or device named results.json would block or never end.
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw ExperimentError("\(path): not a regular file, so not written by actlab compare or actlab report")
        }
        let size = Int(info.st_size)
        guard size <= maximumBytes else {
            throw ExperimentError("\(path): \(size.formattedWithCommas) bytes, more than any actlab results file (at most \(maximumBytes.formattedWithCommas))")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw ExperimentError("\(path): cannot be read") }
        return AdviceEvidence(source: folder, figures: try figures(fromResults: data, path: path))
    }

    /// The figures in a results.json document of either kind.
    static func figures(fromResults data: Data, path: String) throws -> [String: Double] {
        let top: Any
        do { top = try JSONSerialization.jsonObject(with: data) } catch {
            throw ExperimentError("\(path): not valid JSON, so not written by actlab compare or actlab report")
        }
        guard let object = top as? [String: Any] else {
            throw ExperimentError("\(path): not written by actlab compare or actlab report (expected a JSON object)")
        }
        do {
            if object["format"] as? String == LabResults.formatName {
                return try LabResults.decoder.decode(LabResults.self, from: data).figures
            }
            if object["runs"] != nil, object["configuration"] != nil {
                struct CompareDocument: Decodable { let runs: [ActivationComparison.Run] }
                return MNISTMLPLab.figures(runs: try LabResults.decoder.decode(CompareDocument.self, from: data).runs)
            }
        } catch let e as DecodingError {
            throw ExperimentError("\(path): \(describe(e))")
        }
        throw ExperimentError("\(path): not written by actlab compare or actlab report (no 'runs' or 'sections' in it)")
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let c): return "missing '\(key.stringValue)' at \(at(c.codingPath))"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "unexpected value at \(at(c.codingPath)): " + c.debugDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
        @unknown default: return "cannot be read as actlab results"
        }
    }
}
