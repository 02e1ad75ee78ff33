import Experiments
import Foundation
import Layers

/// The lab report: every experiment's section, the advice judged by their figures, and what was
/// not run, as one self-contained HTML page, the same as Markdown, charts as SVG and PNG, and
/// `results.json` for `actlab advise --from`.
public struct LabReport: Sendable {
    public var results: LabResults
    /// The date line under the title.
    public var generated: String

    public init(results: LabResults, generated: String) {
        self.results = results
        self.generated = generated
    }

    public static let title = "ActivationLab: why activation functions differ"

    /// Every statement of the articles' advice, judged by this report's own figures.
    public var advice: [AdviceStatement] {
        Advisor.advise(AdviceQuestion(), evidence: AdviceEvidence(source: "this report", figures: results.figures))
    }

    /// The HTML id of each section, unique even when two experiments' ids reduce to the same letters.
    var anchors: [String] {
        var seen = Set(["contents", "advice", "not-run"]), out = [String]()
        for s in results.sections {
            var a = MarkupText.identifier(s.id), n = 2
            while seen.contains(a) { a = MarkupText.identifier(s.id) + "-\(n)"; n += 1 }
            seen.insert(a)
            out.append(a)
        }
        return out
    }

    /// The file-name stem of each chart, per section: `<section>-<chart>`, unique in the report.
    var chartStems: [[String]] {
        var seen = Set<String>()
        return zip(results.sections, anchors).map { section, anchor in
            section.charts.map { chart in
                let base = anchor + "-" + MarkupText.identifier(chart.name)
                var stem = base, n = 2
                while seen.contains(stem) { stem = base + "-\(n)"; n += 1 }
                seen.insert(stem)
                return stem
            }
        }
    }

    /// One sentence on how the experiments were run.
    var settingsLine: String {
        (results.quick ? "Quick run: subsets of the data and fewer epochs, so absolute figures are below the articles'. "
            : "Full run with the articles' settings. ")
            + (results.seeds > 1 ? "Each configuration trained with \(results.seeds) seeds; tables show mean ± standard deviation."
                : "Each configuration trained once (one seed): differences smaller than run-to-run noise are called so in the advice.")
    }

    /// Which experiments ran, in the report's order, and which did not.
    var orderLine: String {
        "Experiments, in registry order: " + results.sections.map(\.id).joined(separator: ", ")
            + (results.skipped.isEmpty ? "." : "; not run: " + results.skipped.map(\.id).joined(separator: ", ") + " (see the end).")
    }

    /// Writes `report.html`, `report.md`, `results.json` and `charts/<stem>.svg` (and `.png` when
    /// rsvg-convert is installed) into `directory`; returns the paths written.
    @discardableResult
    public func write(to directory: String, png: Bool = true) throws -> [String] {
        let charts = (directory as NSString).appendingPathComponent("charts")
        guard FileManager.default.fileExists(atPath: charts) || mkdir(charts, 0o755) == 0 else {
            throw ReportError("\(charts): cannot create the charts folder (\(String(cString: strerror(errno))))")
        }
        var written = [String]()
        let converter = png ? PNGRenderer.converter : nil
        for (section, stems) in zip(results.sections, chartStems) {
            for (chart, stem) in zip(section.charts, stems) {
                written += try LineChart(chart).write(to: (charts as NSString).appendingPathComponent(stem + ".svg"), png: converter != nil)
            }
        }
        func put(_ name: String, _ data: Data) throws {
            let path = (directory as NSString).appendingPathComponent(name)
            try AtomicFile.write(data, to: path)
            written.append(path)
        }
        try put("report.html", Data(html.utf8))
        try put("report.md", Data(markdown(chartExtension: converter == nil ? "svg" : "png").utf8))
        try put("results.json", try LabResults.encoder.encode(results))
        return written
    }
}
