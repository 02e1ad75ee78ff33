import Foundation
import Layers

/// Finished evaluations, one JSON file each (`<folder>/<request id>.json`), written atomically
/// as each finishes: an interrupted search resumed on the same folder redoes none of them.
public struct EvaluationStore: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public func path(for request: EvaluationRequest) -> String { folder + "/" + request.id + ".json" }

    /// The stored result for `request`, or nil when there is none (or the file holds another request).
    public func result(for request: EvaluationRequest) -> EvaluationResult? {
        guard let data = FileManager.default.contents(atPath: path(for: request)),
              let result = try? JSONDecoder().decode(EvaluationResult.self, from: data),
              result.request == request else { return nil }
        return result
    }

    public func save(_ result: EvaluationResult) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(result), to: path(for: result.request))
    }
}
