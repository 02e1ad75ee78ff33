import Experiments

extension LineChart {
    /// The chart an experiment described as data.
    public init(_ chart: LabChart) {
        self.init(title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel,
                  series: chart.series.map { ChartSeries($0.label, x: $0.x, y: $0.y, dashed: $0.dashed, color: $0.color) },
                  xRange: chart.xRange, yRange: chart.yRange)
        width = chart.width
        height = chart.height
    }
}
