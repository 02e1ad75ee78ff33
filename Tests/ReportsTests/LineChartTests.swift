import Foundation
import Testing
@testable import Reports
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an SVG document, in order, read by a real XML parser (so the text is well formed).
private final class Elements: NSObject, XMLParserDelegate {
    var list = [(name: String, attributes: [String: String], text: String)]()
    private var open = [Int]()

    static func of(_ svg: String) throws -> [(name: String, attributes: [String: String], text: String)] {
        let parser = XMLParser(data: Data(svg.utf8))
        let elements = Elements()
        parser.delegate = elements
        guard parser.parse() else { throw ReportError("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")") }
        return elements.list
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        open.append(list.count)
        list.append((name, attributes, ""))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current = open.last, list[current].name == "text" { list[current].text += string }
    }
}

/// The points of an SVG path's `d`, with how many separate runs (M commands) it has.
private func pathPoints(_ d: String) -> (points: [(Double, Double)], runs: Int) {
    let parts = d.split(separator: " ")
    var points = [(Double, Double)](), runs = 0
    for i in stride(from: 0, to: parts.count - 1, by: 2) {
        if parts[i].hasPrefix("M") { runs += 1 }
        points.append((Double(parts[i].dropFirst())!, Double(parts[i + 1])!))
    }
    return (points, runs)
}

@Suite struct LineChartTests {
    let sine = ChartSeries("sin", sampling: sin, over: -3...3)
    let slope = ChartSeries("cos′ & <more>", sampling: { -sin($0) }, over: -3...3, dashed: true)

    @Test func isWellFormedWithOnePathAndLegendEntryPerSeries() throws {
        let chart = LineChart(title: "Sine \"and\" friends", yLabel: "f(x)", series: [sine, slope, ChartSeries("line", x: [0, 1], y: [0, 1])])
        let elements = try Elements.of(chart.svg)
        #expect(elements.first?.name == "svg")
        let paths = elements.filter { $0.name == "path" && $0.attributes["class"] == "series" }
        #expect(paths.map { $0.attributes["data-label"] } == ["sin", "cos′ & <more>", "line"])
        let titles = elements.filter { $0.attributes["class"] == "title" }
        #expect(titles.map(\.text) == ["Sine \"and\" friends"])
        #expect(elements.contains { $0.attributes["class"] == "y-label" && $0.text == "f(x)" })
        let legend = elements.filter { $0.attributes["class"] == "legend-entry" }
        #expect(legend.count == 3)
        #expect(elements.filter { $0.name == "text" }.map(\.text).contains("cos′ & <more>"))
    }

    @Test func dashesOnlyTheDashedSeries() throws {
        let elements = try Elements.of(LineChart(title: "t", series: [sine, slope]).svg)
        let paths = elements.filter { $0.name == "path" }
        #expect(paths[0].attributes["stroke-dasharray"] == nil)
        #expect(paths[1].attributes["stroke-dasharray"] == "7 4")
        #expect(paths[0].attributes["stroke"] != paths[1].attributes["stroke"], "each series gets its own colour")
        let legendLines = elements.filter { $0.name == "line" && $0.attributes["stroke-width"] == "2" }
        #expect(legendLines.map { $0.attributes["stroke-dasharray"] } == [nil, "7 4"])
    }

    @Test func mapsDataCornersToThePlotAreaCorners() throws {
        let chart = LineChart(title: "t", series: [ChartSeries("d", x: [-2, 6], y: [-1, 3])], xRange: -2...6, yRange: -1...3)
        let frame = chart.frame, a = frame.area
        #expect(frame.pixel(x: -2, y: -1) == (a.left, a.bottom))
        #expect(frame.pixel(x: 6, y: 3) == (a.right, a.top))
        #expect(frame.pixel(x: 2, y: 1) == ((a.left + a.right) / 2, (a.top + a.bottom) / 2))
        let d = try #require(try Elements.of(chart.svg).first { $0.name == "path" }?.attributes["d"])
        let (points, runs) = pathPoints(d)
        #expect(runs == 1)
        #expect(points.count == 2)
        #expect(abs(points[0].0 - a.left) < 0.01 && abs(points[0].1 - a.bottom) < 0.01)
        #expect(abs(points[1].0 - a.right) < 0.01 && abs(points[1].1 - a.top) < 0.01)
    }

    @Test func autoRangeCoversTheDataWithNiceTicks() throws {
        let chart = LineChart(title: "t", series: [ChartSeries("s", x: [-5, 0, 5], y: [-0.17, 0, 4.3])])
        let (x, y) = chart.axes
        #expect(x.lower == -5 && x.upper == 5)
        #expect(abs(y.lower - (-0.17 - 0.2235)) < 1e-12 && abs(y.upper - (4.3 + 0.2235)) < 1e-12, "5% room each side")
        #expect(y.ticks == [0, 1, 2, 3, 4])
        let axis = ChartAxis(lower: -1, upper: 1)
        #expect(axis.step == 0.5)
        #expect(axis.ticks.map(axis.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
        #expect(ChartAxis(lower: -5, upper: 5).ticks.map(ChartAxis(lower: -5, upper: 5).label) == ["-4", "-2", "0", "2", "4"])
    }

    @Test func skipsNaNAndInfinitePointsWithoutCrashing() throws {
        let ys: [Double] = [0, 1, .nan, 3, 4, .infinity, 6, -.infinity, 8, 9]
        let chart = LineChart(title: "t", series: [ChartSeries("gappy", x: (0..<10).map(Double.init), y: ys),
                                                   ChartSeries("empty", x: [0, 1], y: [.nan, .nan])])
        #expect(chart.axes.y.upper < 20, "infinities do not stretch the auto range")
        let paths = try Elements.of(chart.svg).filter { $0.name == "path" }
        #expect(paths.count == 1, "a series with no finite segment draws nothing")
        let (points, runs) = pathPoints(try #require(paths.first?.attributes["d"]))
        #expect(runs == 3, "the runs 0-1, 3-4 and 8-9 (6 stands alone)")
        #expect(points.allSatisfy { $0.0.isFinite && $0.1.isFinite })
    }

    @Test func clipsLinesAtThePlotArea() throws {
        let chart = LineChart(title: "t", series: [ChartSeries("exp", sampling: exp, over: -5...5)], yRange: -1...2)
        let a = chart.frame.area
        let d = try #require(try Elements.of(chart.svg).first { $0.name == "path" }?.attributes["d"])
        let points = pathPoints(d).points
        #expect(points.allSatisfy { $0.0 >= a.left - 0.01 && $0.0 <= a.right + 0.01 && $0.1 >= a.top - 0.01 && $0.1 <= a.bottom + 0.01 })
        #expect(points.contains { abs($0.1 - a.top) < 0.01 }, "the line runs up to the top edge")
    }

    @Test func breaksTheLineAtAJumpInsteadOfDrawingAWall() throws {
        let step = ChartSeries("step", sampling: { $0 > 0 ? 1 : 0 }, over: -5...5, dashed: true)
        let d = try #require(try Elements.of(LineChart(title: "t", series: [step]).svg).first { $0.name == "path" }?.attributes["d"])
        #expect(pathPoints(d).runs == 2)
        let ramp = ChartSeries("steep", sampling: { max(-1, min(1, $0)) }, over: -5...5)
        let r = try #require(try Elements.of(LineChart(title: "t", series: [ramp]).svg).first { $0.name == "path" }?.attributes["d"])
        #expect(pathPoints(r).runs == 1, "a steep but continuous line stays joined")
    }

    @Test func writesSVGAndAPNGNextToIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linechart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try LineChart(title: "t", series: [sine]).write(to: dir + "/sub/chart.svg")
        #expect(written.first == dir + "/sub/chart.svg")
        #expect(try String(contentsOfFile: dir + "/sub/chart.svg", encoding: .utf8).hasPrefix("<svg"))
        if PNGRenderer.converter != nil {
            #expect(written == [dir + "/sub/chart.svg", dir + "/sub/chart.png"])
            let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/sub/chart.png"))
            #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/sub").sorted() == ["chart.png", "chart.svg"], "no temporary files left")
        } else {
            #expect(written.count == 1)
        }
    }

    @Test func reportsAFailedConversionOnOneLine() throws {
        let converter = try #require(PNGRenderer.converter, "rsvg-convert is installed where these tests run")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("linechart-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "<svg oops".write(toFile: dir + "/bad.svg", atomically: true, encoding: .utf8)
        let error = try #require(throws: ReportError.self) {
            try PNGRenderer.render(svgPath: dir + "/bad.svg", to: dir + "/bad.png", converter: converter)
        }
        #expect(error.description.hasPrefix("\(dir)/bad.png: rsvg-convert failed on \(dir)/bad.svg"))
        #expect(!error.description.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad.png"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["bad.svg"])
    }
}
