import Foundation

/// One axis of a chart: its data interval and "nice" tick values (1, 2 or 5 times a power of ten).
public struct ChartAxis: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let step: Double

    /// An axis over exactly `lower...upper`, ticked about `ticks` times.
    public init(lower: Double, upper: Double, ticks: Int = 6) {
        self.lower = lower
        self.upper = upper
        self.step = Self.niceStep((upper - lower) / Double(max(ticks, 1)))
    }

    /// An axis covering `lower...upper` with 5% room each side (as matplotlib pads; widening
    /// to whole ticks could leave a third of the chart empty).
    public static func covering(_ lower: Double, _ upper: Double, ticks: Int = 6) -> ChartAxis {
        var (lo, hi) = (lower, upper)
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            // A constant series still needs a visible band around it.
            let pad = max(abs(lo) * 0.1, 1)
            (lo, hi) = (lo - pad, hi + pad)
        }
        let pad = (hi - lo) * 0.05
        return ChartAxis(lower: lo - pad, upper: hi + pad, ticks: ticks)
    }

    /// The tick values inside the axis, computed as multiples of the step so that they print cleanly.
    public var ticks: [Double] {
        guard step > 0, step.isFinite else { return [] }
        let first = (lower / step - 1e-9).rounded(.up), last = (upper / step + 1e-9).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// A tick label with as many decimals as the step needs, and no "-0".
    public func label(_ v: Double) -> String {
        let decimals = max(0, Int((-log10(step) + 0.999).rounded(.down)))
        let text = String(format: "%.\(min(decimals, 10))f", v)
        return Double(text) == 0 ? text.replacingOccurrences(of: "-", with: "") : text
    }

    /// Where `v` falls, from 0 at `lower` to 1 at `upper`.
    public func fraction(_ v: Double) -> Double { (v - lower) / (upper - lower) }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let m = raw / magnitude
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * magnitude
    }
}
