import Foundation
import Testing
@testable import Activations

/// The DocC catalogue page is written by hand; this keeps it in step with the registry.
@Suite struct CatalogueDocumentationTests {
    static let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Activations/Activations.docc/Activations.md")

    /// The catalogue table's rows, keyed by id: "| `id` | aliases | ``Type`` | parameters | formula |".
    static func rows() throws -> [String: [String]] {
        let text = try String(contentsOf: page, encoding: .utf8)
        var rows = [String: [String]]()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells
        }
        return rows
    }

    @Test func everyRegisteredActivationHasARowWithItsTypeAndFormula() throws {
        let rows = try Self.rows()
        #expect(Set(rows.keys) == Set(Activation.ids))
        for type in Activation.all {
            let f = try type.init(parameters: [:])
            guard let row = rows[type.id] else { continue }
            // A generic family (GatedLinearUnit<SwiGLUGate>) is documented under its generic name.
            let typeName = String(describing: type).split(separator: "<").first.map(String.init) ?? ""
            #expect(row[2] == "``\(typeName)``", "\(type.id)")
            let formula = f.formula.replacingOccurrences(of: "|", with: "\\|")
            #expect(row[4].hasPrefix("`\(formula)`"), "\(type.id): \(row[4]) vs \(formula)")
            let aliases = type.aliases.map { "`\($0)`" }.joined(separator: ", ")
            #expect(row[1] == aliases, "\(type.id)")
        }
    }
}
