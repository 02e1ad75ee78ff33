import Experiments

extension LabReport {
    /// The same content as the HTML page, with charts as image files in `charts/` beside it.
    public func markdown(chartExtension: String = "png") -> String {
        let m = { MarkupText.markdown($0) }
        let cell = { MarkupText.markdown($0, lineStart: false) }
        var out = ["# \(m(Self.title))", "", "\(m(generated)). \(m(settingsLine)) \(m(orderLine))", "", "## Contents", ""]
        for (i, (s, anchor)) in zip(results.sections, anchors).enumerated() { out.append("\(i + 1). [\(m(s.title))](#\(anchor))") }
        out.append("\(results.sections.count + 1). [Advice, checked against these measurements](#advice)")
        if !results.skipped.isEmpty { out.append("\(results.sections.count + 2). [Not run](#not-run)") }
        for ((s, anchor), stems) in zip(zip(results.sections, anchors), chartStems) {
            out += ["", "<a id=\"\(anchor)\"></a>", "", "## \(m(s.title))", ""]
            for p in s.paragraphs { out += [m(p), ""] }
            for (chart, stem) in zip(s.charts, stems) { out += ["![\(m(chart.title))](charts/\(stem).\(chartExtension))", ""] }
            for t in s.tables {
                out += [m(t.caption) + ":", ""]
                out.append(MarkdownTable(headers: t.headers.map(cell), rows: t.rows.map { $0.map(cell) }, rightAligned: Set(t.numericColumns)).text)
            }
        }
        out += ["", "<a id=\"advice\"></a>", "", "## Advice, checked against these measurements", ""]
        for a in advice {
            out.append("- **\(m(a.finding.verdict.rawValue))** `\(a.id.filter { $0 != "`" })`: \(m(a.claim))  ")
            out.append("  \(m(a.finding.detail))")
        }
        if !results.skipped.isEmpty {
            out += ["", "<a id=\"not-run\"></a>", "", "## Not run", ""]
            out += results.skipped.map { "- **\(m($0.title))** (\(m($0.id))): \(m($0.reason))" }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
