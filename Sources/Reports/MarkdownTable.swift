/// A GitHub-flavoured Markdown table with padded columns, readable as plain text too.
public struct MarkdownTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns to right-align (numbers).
    public var rightAligned: Set<Int>

    public init(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
    }

    public var text: String {
        let widths = headers.indices.map { c in max(3, ([headers[c]] + rows.map { c < $0.count ? $0[c] : "" }).map(\.count).max() ?? 3) }
        func cell(_ s: String, _ c: Int) -> String {
            let pad = String(repeating: " ", count: widths[c] - s.count)
            return rightAligned.contains(c) ? pad + s : s + pad
        }
        func line(_ cells: [String]) -> String {
            "| " + headers.indices.map { cell($0 < cells.count ? cells[$0] : "", $0) }.joined(separator: " | ") + " |"
        }
        let rule = "|" + headers.indices.map { c in
            rightAligned.contains(c) ? " " + String(repeating: "-", count: widths[c] - 1) + ": " : " " + String(repeating: "-", count: widths[c]) + " "
        }.joined(separator: "|") + "|"
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
