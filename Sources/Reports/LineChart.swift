import Foundation

/// A line chart rendered to SVG: several series, ticked axes with labels, a title and a legend.
///
/// The x range defaults to the data's extent and the y range to the visible points' extent
/// (with 5% room); lines leaving the plot area are clipped at its edge.
public struct LineChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [ChartSeries]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var width = 720.0
    public var height = 450.0

    /// Colours that stay distinguishable in print and for common colour blindness (Tableau 10).
    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    public init(title: String, xLabel: String = "x", yLabel: String = "", series: [ChartSeries] = [],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
    }

    /// The axes the chart is drawn with.
    public var axes: (x: ChartAxis, y: ChartAxis) {
        let allX = series.flatMap(\.x).filter(\.isFinite)
        let x = xRange.map { ChartAxis(lower: $0.lowerBound, upper: $0.upperBound) }
            ?? ChartAxis(lower: allX.min() ?? 0, upper: max(allX.max() ?? 1, (allX.min() ?? 0) + 1e-9))
        if let yRange { return (x, ChartAxis(lower: yRange.lowerBound, upper: yRange.upperBound)) }
        let visible = series.flatMap { s in zip(s.x, s.y).filter { $0.0 >= x.lower && $0.0 <= x.upper && $0.1.isFinite }.map(\.1) }
        return (x, ChartAxis.covering(visible.min() ?? -1, visible.max() ?? 1))
    }

    /// Where the axes are drawn, in SVG pixels.
    public var plotArea: ChartFrame.Area {
        let legendWidth = series.isEmpty ? 0 : 52 + Self.characterWidth * Double(series.map(\.label.count).max() ?? 0)
        return (64, 44, width - 20 - min(legendWidth, width / 3), height - 52)
    }

    /// The average width of a 12px DejaVu Sans character, to size the legend without measuring text.
    static let characterWidth = 7.0

    /// A legend label cut with an ellipsis to the characters that fit beside the plot area.
    func legendLabel(_ label: String) -> String {
        let fits = Int((width - 20 - plotArea.right - 52) / Self.characterWidth)
        return label.count <= fits ? label : String(label.prefix(max(fits - 1, 1))) + "…"
    }

    /// The axes placed in the plot area: computed once per rendering, as the auto range scans every point.
    public var frame: ChartFrame {
        let (x, y) = axes
        return ChartFrame(x: x, y: y, area: plotArea)
    }

    /// The series' own colour, or the palette's next.
    public func color(of index: Int) -> String {
        series[index].color ?? Self.palette[index % Self.palette.count]
    }

    public var svg: String {
        let frame = frame, (ax, ay, a) = (frame.x, frame.y, frame.area)
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(height))\" "
                   + "viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">",
                   "<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"white\"/>",
                   SVG.text(title, x: (a.left + a.right) / 2, y: 26, "class=\"title\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\"")]
        out.append("<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">")
        for t in ax.ticks { let p = frame.pixel(x: t, y: 0).x; out.append(SVG.line(p, a.top, p, a.bottom)) }
        for t in ay.ticks { let p = frame.pixel(x: 0, y: t).y; out.append(SVG.line(a.left, p, a.right, p)) }
        out.append("</g>")
        // The axes through the origin, as the surveys draw them, where the origin is in view.
        out.append("<g class=\"zero-lines\" stroke=\"#888888\" stroke-width=\"1\">")
        if ax.lower < 0 && ax.upper > 0 { let p = frame.pixel(x: 0, y: 0).x; out.append(SVG.line(p, a.top, p, a.bottom)) }
        if ay.lower < 0 && ay.upper > 0 { let p = frame.pixel(x: 0, y: 0).y; out.append(SVG.line(a.left, p, a.right, p)) }
        out.append("</g>")
        out.append("<rect class=\"frame\" x=\"\(SVG.number(a.left))\" y=\"\(SVG.number(a.top))\" width=\"\(SVG.number(a.right - a.left))\" "
                   + "height=\"\(SVG.number(a.bottom - a.top))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>")
        out.append("<g class=\"ticks\" fill=\"#333333\">")
        for t in ax.ticks {
            let p = frame.pixel(x: t, y: 0).x
            out.append(SVG.line(p, a.bottom, p, a.bottom + 5, "stroke=\"#333333\""))
            out.append(SVG.text(ax.label(t), x: p, y: a.bottom + 18, "text-anchor=\"middle\""))
        }
        for t in ay.ticks {
            let p = frame.pixel(x: 0, y: t).y
            out.append(SVG.line(a.left - 5, p, a.left, p, "stroke=\"#333333\""))
            out.append(SVG.text(ay.label(t), x: a.left - 8, y: p + 4, "text-anchor=\"end\""))
        }
        out.append("</g>")
        out.append(SVG.text(xLabel, x: (a.left + a.right) / 2, y: height - 14, "class=\"x-label\" text-anchor=\"middle\" font-size=\"13\""))
        if !yLabel.isEmpty {
            out.append(SVG.text(yLabel, x: 16, y: (a.top + a.bottom) / 2,
                                "class=\"y-label\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 16 \(SVG.number((a.top + a.bottom) / 2)))\""))
        }
        for i in series.indices {
            let d = path(series[i], in: frame)
            guard !d.isEmpty else { continue }
            let dash = series[i].dashed ? " stroke-dasharray=\"7 4\"" : ""
            out.append("<path class=\"series\" data-label=\"\(SVG.escape(series[i].label))\" fill=\"none\" stroke=\"\(color(of: i))\" "
                       + "stroke-width=\"2\" stroke-linejoin=\"round\"\(dash) d=\"\(d)\"/>")
        }
        out.append(contentsOf: legend)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private var legend: [String] {
        guard !series.isEmpty else { return [] }
        let a = plotArea, x = a.right + 14
        var out = ["<g class=\"legend\">"]
        for (i, s) in series.enumerated() {
            let y = a.top + 8 + Double(i) * 20
            let dash = s.dashed ? " stroke-dasharray=\"7 4\"" : ""
            out.append("<g class=\"legend-entry\">")
            out.append(SVG.line(x, y, x + 30, y, "stroke=\"\(color(of: i))\" stroke-width=\"2\"\(dash)"))
            out.append(SVG.text(legendLabel(s.label), x: x + 38, y: y + 4))
            out.append("</g>")
        }
        out.append("</g>")
        return out
    }

    /// The SVG path data of a series: runs of finite points, clipped to the plot area, broken at
    /// jumps (a step's derivative) rather than joined by a vertical line that is not in the function.
    func path(_ s: ChartSeries, in frame: ChartFrame) -> String {
        let a = frame.area
        let points = zip(s.x, s.y).map { frame.pixel(x: $0.0, y: $0.1) }
        func rise(_ i: Int) -> Double? {
            guard i > 0, i < points.count else { return nil }
            let r = abs(points[i].y - points[i - 1].y)
            return r.isFinite ? r : nil
        }
        // A jump is one big rise between two flat neighbours; lone segments are never jumps.
        func isJump(_ i: Int) -> Bool {
            guard let r = rise(i), let before = rise(i - 1), let after = rise(i + 1) else { return false }
            return r > 0.1 * (a.bottom - a.top) && r > 20 * max(before, after, 0.05)
        }
        var d = [String](), pen: (Double, Double)? = nil
        for i in points.indices.dropFirst() {
            let (p, q) = (points[i - 1], points[i])
            guard p.x.isFinite, p.y.isFinite, q.x.isFinite, q.y.isFinite else { continue }
            guard !isJump(i), let (start, end) = Self.clip((p.x, p.y), (q.x, q.y), to: a) else { continue }
            if pen.map({ abs($0.0 - start.0) > 1e-9 || abs($0.1 - start.1) > 1e-9 }) ?? true {
                d.append("M\(SVG.number(start.0)) \(SVG.number(start.1))")
            }
            d.append("L\(SVG.number(end.0)) \(SVG.number(end.1))")
            pen = end
        }
        return d.joined(separator: " ")
    }

    /// Liang-Barsky: the part of segment p-q inside the rectangle, or nil.
    static func clip(_ p: (Double, Double), _ q: (Double, Double), to a: ChartFrame.Area) -> ((Double, Double), (Double, Double))? {
        let (dx, dy) = (q.0 - p.0, q.1 - p.1)
        var (t0, t1) = (0.0, 1.0)
        for (den, num) in [(-dx, p.0 - a.left), (dx, a.right - p.0), (-dy, p.1 - a.top), (dy, a.bottom - p.1)] {
            if den == 0 {
                if num < 0 { return nil }
            } else {
                let t = num / den
                if den < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return nil }
            }
        }
        return ((p.0 + t0 * dx, p.1 + t0 * dy), (p.0 + t1 * dx, p.1 + t1 * dy))
    }
}
