import Experiments

extension LabReport {
    /// One self-contained page: inline CSS and SVG, no scripts, fonts or links outside it. It is
    /// also well-formed XML (void elements closed), so tests can parse it.
    public var html: String {
        let e = MarkupText.html
        var out = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>\(e(Self.title))</title>",
            "<style>\(Self.css)</style>",
            "</head>",
            "<body>",
            "<main>",
            "<h1>\(e(Self.title))</h1>",
            "<p class=\"meta\">\(e(generated)). \(e(settingsLine)) \(e(orderLine))</p>",
            "<nav id=\"contents\"><h2>Contents</h2><ol>",
        ]
        for (s, anchor) in zip(results.sections, anchors) { out.append("<li><a href=\"#\(anchor)\">\(e(s.title))</a></li>") }
        out.append("<li><a href=\"#advice\">Advice, checked against these measurements</a></li>")
        if !results.skipped.isEmpty { out.append("<li><a href=\"#not-run\">Not run</a></li>") }
        out.append("</ol></nav>")
        for ((s, anchor), stems) in zip(zip(results.sections, anchors), chartStems) {
            out.append("<section id=\"\(anchor)\">")
            out.append("<h2>\(e(s.title))</h2>")
            out += s.paragraphs.map { "<p>\(e($0))</p>" }
            if !s.charts.isEmpty {
                out.append("<div class=\"charts\(s.charts.count > 1 ? " grid" : "")\">")
                for (chart, stem) in zip(s.charts, stems) {
                    out.append("<figure id=\"chart-\(stem)\">")
                    out.append(LineChart(chart).svg.replacingOccurrences(of: "<svg xmlns", with: "<svg role=\"img\" aria-label=\"\(e(chart.title))\" xmlns"))
                    out.append("</figure>")
                }
                out.append("</div>")
            }
            out += s.tables.map(Self.html)
            out.append("</section>")
        }
        out.append("<section id=\"advice\">")
        out.append("<h2>Advice, checked against these measurements</h2>")
        out.append("<p>Each statement of the articles' advice, then what this report measured about it: backed, contradicted, "
                   + "inconclusive (a difference within the noise) or no measurement.</p>")
        out.append("<ul class=\"advice\">")
        for a in advice {
            let verdict = MarkupText.identifier(a.finding.verdict.rawValue)
            out.append("<li class=\"\(verdict)\"><span class=\"verdict\">\(e(a.finding.verdict.rawValue))</span> "
                       + "<strong>\(e(a.id))</strong>: \(e(a.claim))<br/><span class=\"detail\">\(e(a.finding.detail))</span></li>")
        }
        out.append("</ul>")
        out.append("</section>")
        if !results.skipped.isEmpty {
            out.append("<section id=\"not-run\">")
            out.append("<h2>Not run</h2>")
            out.append("<ul>")
            out += results.skipped.map { "<li><strong>\(e($0.title))</strong> (\(e($0.id))): \(e($0.reason))</li>" }
            out.append("</ul>")
            out.append("</section>")
        }
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    static func html(_ table: LabTable) -> String {
        let e = MarkupText.html
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            table.numericColumns.contains(column) ? "<\(tag) class=\"num\">\(e(text))</\(tag)>" : "<\(tag)>\(e(text))</\(tag)>"
        }
        var out = ["<table>", "<caption>\(e(table.caption))</caption>", "<thead><tr>"
                   + table.headers.enumerated().map { cell("th", $1, $0) }.joined() + "</tr></thead>", "<tbody>"]
        for row in table.rows {
            out.append("<tr>" + table.headers.indices.map { cell("td", $0 < row.count ? row[$0] : "", $0) }.joined() + "</tr>")
        }
        out += ["</tbody>", "</table>"]
        return out.joined(separator: "\n")
    }

    /// Readable type on screen and paper: one column of text, charts two to a row where they fit.
    static let css = """
        body { margin: 0; background: #fafafa; color: #222; font: 16px/1.55 "DejaVu Sans", Helvetica, Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: white; }
        h1 { font-size: 28px; margin: 8px 0 4px; }
        h2 { font-size: 22px; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid #ddd; }
        p { max-width: 52em; }
        .meta { color: #555; }
        nav ol { padding-left: 1.4em; }
        a { color: #1f5fa8; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px; }
        figure { margin: 0; }
        figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
        table { border-collapse: collapse; margin: 16px 0; font-size: 14px; }
        caption { caption-side: top; text-align: left; color: #444; padding-bottom: 6px; max-width: 60em; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        ul.advice { list-style: none; padding: 0; }
        ul.advice li { margin: 10px 0; padding: 8px 12px; border-left: 5px solid #999; background: #f7f7f7; max-width: 60em; }
        ul.advice li.backed { border-color: #2ca02c; }
        ul.advice li.contradicted { border-color: #d62728; }
        ul.advice li.inconclusive { border-color: #ff7f0e; }
        .verdict { display: inline-block; min-width: 10.5em; font-weight: bold; text-transform: uppercase; font-size: 12px; }
        .detail { color: #444; font-size: 14px; }
        """
}
