import Foundation
import Testing
@testable import Experiments
@testable import Reports
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct LabReportTests {
    static let hostile = "</table><script>alert(1)</script> a|b *c* _d_ [e](f) & \"q\" 'x<0'\n# h"

    static func results(skipped: Bool = true) -> LabResults {
        let chart = LabChart(name: "val acc", title: "Accuracy " + hostile, xLabel: "epoch", yLabel: "accuracy",
                             series: (0..<7).map { i in LabSeries("act\(i) " + (i == 0 ? hostile : ""), x: [1, 2, 3], y: [0.5, 0.6 + Double(i) / 100, 0.9]) })
        let table = LabTable(caption: "Caption " + hostile, headers: ["activation", "accuracy", "published"],
                             rows: [[hostile, "0.9797", "0.982"], ["relu", "0.9800", "-"]], numericColumns: [1, 2])
        let a = LabSection(id: "mnist-mlp", title: "MNIST " + hostile, paragraphs: ["First " + hostile, "Second."],
                           tables: [table], charts: [chart, chart], figures: ["mnist-mlp/test_accuracy/relu/depth1": 0.98])
        let b = LabSection(id: "MNIST MLP", title: "Same id letters", paragraphs: [], charts: [chart])
        return LabResults(quick: true, seeds: 1, sections: [a, b],
                          skipped: skipped ? [.init(id: "cnn", title: "Digit recognizer CNN", reason: "skipped: runs only with --with-cnn")] : [])
    }

    static let report = LabReport(results: results(), generated: "Generated 2026-01-01 00:00 UTC")

    /// Collects element names, ids, hrefs and text while parsing; fails on any XML error.
    final class Collector: NSObject, XMLParserDelegate {
        var elements = [String](), ids = [String](), hrefs = [String](), text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(name)
            if let id = attributes["id"] { ids.append(id) }
            if let href = attributes["href"] { hrefs.append(href) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parse(_ html: String) -> (Collector, Bool, String) {
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        return (collector, ok, parser.parserError.map { "\($0)" } ?? "")
    }

    @Test func htmlIsWellFormedAndSelfContained() {
        let html = Self.report.html
        let (c, ok, error) = Self.parse(html)
        #expect(ok, "not well-formed XML: \(error)")
        #expect(c.elements.first == "html")
        #expect(!c.elements.contains("script"), "a name became a script element")
        #expect(c.elements.filter { $0 == "table" }.count == 1)
        #expect(c.elements.filter { $0 == "svg" }.count == 3)
        #expect(c.elements.contains("style") && c.elements.contains("nav"))
        // Nothing outside the file: no external sources, stylesheets or scripts.
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("http://www.w3.org/1999/xlink"))
        // The hostile text arrives as text, intact.
        #expect(c.text.contains(Self.hostile.replacingOccurrences(of: "\n", with: "\n")))
    }

    @Test func contentsLinksEverySectionAndIdsAreUnique() {
        let (c, _, _) = Self.parse(Self.report.html)
        #expect(Set(c.ids).count == c.ids.count, "duplicate ids: \(c.ids)")
        for href in c.hrefs where href.hasPrefix("#") { #expect(c.ids.contains(String(href.dropFirst())), "\(href) leads nowhere") }
        #expect(c.hrefs == ["#mnist-mlp", "#mnist-mlp-2", "#advice", "#not-run"])
        #expect(Self.report.html.contains("skipped: runs only with --with-cnn"))
    }

    @Test func tablesShowPublishedFiguresBesideOurs() {
        let html = Self.report.html
        #expect(html.contains("<th class=\"num\">published</th>"))
        #expect(html.contains("<td class=\"num\">0.9797</td><td class=\"num\">0.982</td>"))
    }

    @Test func markdownHasTheSameContentEscaped() {
        let md = Self.report.markdown(chartExtension: "png")
        #expect(md.contains("## Contents"))
        #expect(md.contains("1. [MNIST &lt;/table&gt;") == false, "'>' is escaped with a backslash, not an entity")
        #expect(md.contains("1. [MNIST &lt;/table\\>&lt;script\\>alert(1)&lt;/script\\> a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &amp; \"q\" 'x&lt;0' \\# h](#mnist-mlp)"), "\(md)")
        #expect(md.contains("![Accuracy"))
        #expect(md.contains("](charts/mnist-mlp-val-acc.png)") && md.contains("](charts/mnist-mlp-val-acc-2.png)")
                && md.contains("](charts/mnist-mlp-2-val-acc.png)"))
        // No raw tag survives, and every table line has exactly the columns of its header.
        #expect(!md.contains("<script") && !md.contains("</table"))
        for line in md.split(separator: "\n") where line.hasPrefix("| ") {
            let pipes = line.filter { $0 == "|" }.count - (line.components(separatedBy: "\\|").count - 1)
            #expect(pipes == 4, "\(line)")
        }
        #expect(md.contains("## Advice, checked against these measurements"))
        #expect(md.contains("## Not run"))
    }

    @Test func markdownEscapingLeavesPlainTextReadable() {
        #expect(MarkupText.markdown("relu 0.9797 vs sigmoid 0.9683") == "relu 0.9797 vs sigmoid 0.9683")
        #expect(MarkupText.markdown("-1 or +1") == "\\-1 or +1")
        #expect(MarkupText.markdown("1. first") == "1\\. first")
        #expect(MarkupText.markdown("a\nb") == "a b")
    }

    @Test func writesEveryFileIntoTheFolder() throws {
        let folder = NSTemporaryDirectory() + "actlab-lab-report-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try Self.report.write(to: folder, png: false)
        for name in ["report.html", "report.md", "results.json", "charts/mnist-mlp-val-acc.svg", "charts/mnist-mlp-2-val-acc.svg"] {
            #expect(written.contains(folder + "/" + name), "\(name) missing from \(written)")
        }
        let md = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(md.contains("](charts/mnist-mlp-val-acc.svg)"), "without PNGs the Markdown links the SVGs")
        let back = try LabResults.decoder.decode(LabResults.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/results.json")))
        #expect(back == Self.report.results)
    }

    @Test func sevenSeriesGetSevenColoursAndLegendEntries() {
        let svg = LineChart(Self.results().sections[0].charts[0]).svg
        #expect(svg.components(separatedBy: "class=\"legend-entry\"").count - 1 == 7)
        let colours = LineChart(Self.results().sections[0].charts[0])
        #expect(Set((0..<7).map(colours.color(of:))).count == 7)
    }
}

extension LabReportTests {
    @Test func tableCellsKeepNumbersAsTyped() {
        let md = LabReportTests.report.markdown()
        #expect(md.contains("| 0.9797 |") || md.contains(" 0.9797 |"), "\(md)")
        #expect(MarkupText.markdown("-0.5", lineStart: false) == "-0.5")
    }
}
