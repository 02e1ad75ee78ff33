/// A chart's two axes placed in its plot area: the map from data to SVG pixels.
public struct ChartFrame: Sendable {
    public typealias Area = (left: Double, top: Double, right: Double, bottom: Double)
    public let x: ChartAxis
    public let y: ChartAxis
    public let area: Area

    /// The pixel position of a data point (SVG's y grows downwards).
    public func pixel(x: Double, y: Double) -> (x: Double, y: Double) {
        (area.left + self.x.fraction(x) * (area.right - area.left), area.bottom - self.y.fraction(y) * (area.bottom - area.top))
    }
}
