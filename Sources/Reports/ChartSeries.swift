/// One line on a chart: points in data coordinates, a legend label, and a style.
/// Points with a NaN or infinite coordinate break the line instead of being drawn.
public struct ChartSeries: Sendable {
    public var label: String
    public var x: [Double]
    public var y: [Double]
    /// Dashed lines mark derivatives, as in the surveys' figures.
    public var dashed: Bool
    /// A CSS colour; nil takes the next one from the chart's palette.
    public var color: String?

    public init(_ label: String, x: [Double], y: [Double], dashed: Bool = false, color: String? = nil) {
        precondition(x.count == y.count, "a series needs as many y values as x values")
        self.label = label
        self.x = x
        self.y = y
        self.dashed = dashed
        self.color = color
    }

    /// `f` sampled at `count` evenly spaced points of `range`.
    public init(_ label: String, sampling f: (Double) -> Double, over range: ClosedRange<Double>, count: Int = 401,
                dashed: Bool = false, color: String? = nil) {
        let xs = (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(max(count - 1, 1)) }
        self.init(label, x: xs, y: xs.map(f), dashed: dashed, color: color)
    }
}
