/// What one experiment contributes to the lab report: prose, tables, charts and named figures.
///
/// Everything is plain data (no HTML, no Markdown markup): the report writer escapes and lays it
/// out, so an activation name or expression can never break the page. `figures` are the measured
/// numbers `actlab advise` reads back, named `<experiment id>/<quantity>/<activation>[/depth<d>]`,
/// e.g. `mnist-mlp/test_accuracy/relu/depth1`.
public struct LabSection: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// Paragraphs of plain text, in order: what was run and what it shows.
    public var paragraphs: [String]
    public var tables: [LabTable]
    public var charts: [LabChart]
    public var figures: [String: Double]

    public init(id: String, title: String, paragraphs: [String] = [], tables: [LabTable] = [],
                charts: [LabChart] = [], figures: [String: Double] = [:]) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.tables = tables
        self.charts = charts
        self.figures = figures
    }
}

/// A table of text cells with a caption; published figures go in their own column beside ours.
public struct LabTable: Codable, Sendable, Equatable {
    public var caption: String
    public var headers: [String]
    public var rows: [[String]]
    /// Columns holding numbers, aligned right.
    public var numericColumns: [Int]

    public init(caption: String, headers: [String], rows: [[String]], numericColumns: [Int] = []) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.numericColumns = numericColumns
    }
}

/// A line chart as data, so experiments need no drawing code; the report renders it to SVG and PNG.
public struct LabChart: Codable, Sendable, Equatable {
    /// The file-name stem of the chart's SVG and PNG files: letters, digits, `-` and `_` only.
    public var name: String
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [LabSeries]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Drawn size in pixels; small charts sit two or three to a row.
    public var width: Double
    public var height: Double

    public init(name: String, title: String, xLabel: String = "x", yLabel: String = "", series: [LabSeries],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                width: Double = 720, height: Double = 450) {
        self.name = name
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.width = width
        self.height = height
    }
}

/// One line of a `LabChart`.
public struct LabSeries: Codable, Sendable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    public var dashed: Bool
    /// A CSS colour; nil takes the chart palette's next.
    public var color: String?

    public init(_ label: String, x: [Double], y: [Double], dashed: Bool = false, color: String? = nil) {
        precondition(x.count == y.count, "a series needs as many y values as x values")
        self.label = label
        self.x = x
        self.y = y
        self.dashed = dashed
        self.color = color
    }

    /// `f` sampled at `count` evenly spaced points of `range`; non-finite values break the line.
    public init(_ label: String, sampling f: (Double) -> Double, over range: ClosedRange<Double>, count: Int = 201,
                dashed: Bool = false, color: String? = nil) {
        let xs = (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(max(count - 1, 1)) }
        self.init(label, x: xs, y: xs.map(f), dashed: dashed, color: color)
    }
}
