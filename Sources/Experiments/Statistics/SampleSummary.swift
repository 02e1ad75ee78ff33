/// What a set of repeated measurements says: centre, spread and a 95% interval for the mean.
public struct SampleSummary: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (divisor n - 1); NaN below two values.
    public var standardDeviation: Double
    public var median: Double
    /// Quartiles interpolated linearly between order statistics (numpy's default).
    public var lowerQuartile: Double
    public var upperQuartile: Double
    public var min: Double
    public var max: Double
    /// Student-t 95% interval for the mean; the whole real line when it is undefined
    /// (fewer than two values, or a value that is not finite), since nothing narrower is known.
    public var confidenceInterval95: ClosedRange<Double>

    public init(count: Int, mean: Double, standardDeviation: Double, median: Double, lowerQuartile: Double,
                upperQuartile: Double, min: Double, max: Double, confidenceInterval95: ClosedRange<Double>) {
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.median = median
        self.lowerQuartile = lowerQuartile
        self.upperQuartile = upperQuartile
        self.min = min
        self.max = max
        self.confidenceInterval95 = confidenceInterval95
    }

    /// Half the width of the 95% interval ("mean ± this").
    public var marginOfError95: Double { (confidenceInterval95.upperBound - confidenceInterval95.lowerBound) / 2 }

    enum CodingKeys: String, CodingKey {
        case count, mean, standardDeviation, median, lowerQuartile, upperQuartile, min, max
        case confidenceInterval95Lower, confidenceInterval95Upper
    }

    // JSON has no NaN or infinity: those are written as null and read back as NaN / the open interval.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? .nan }
        count = try c.decode(Int.self, forKey: .count)
        mean = try value(.mean)
        standardDeviation = try value(.standardDeviation)
        median = try value(.median)
        lowerQuartile = try value(.lowerQuartile)
        upperQuartile = try value(.upperQuartile)
        min = try value(.min)
        max = try value(.max)
        let low = try c.decodeIfPresent(Double.self, forKey: .confidenceInterval95Lower) ?? -.infinity
        let high = try c.decodeIfPresent(Double.self, forKey: .confidenceInterval95Upper) ?? .infinity
        confidenceInterval95 = low <= high ? low...high : -.infinity ... .infinity
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ v: Double, _ key: CodingKeys) throws { if v.isFinite { try c.encode(v, forKey: key) } else { try c.encodeNil(forKey: key) } }
        try c.encode(count, forKey: .count)
        try put(mean, .mean)
        try put(standardDeviation, .standardDeviation)
        try put(median, .median)
        try put(lowerQuartile, .lowerQuartile)
        try put(upperQuartile, .upperQuartile)
        try put(min, .min)
        try put(max, .max)
        try put(confidenceInterval95.lowerBound, .confidenceInterval95Lower)
        try put(confidenceInterval95.upperBound, .confidenceInterval95Upper)
    }

    // NaN != NaN would make a summary of one value unequal to itself.
    public static func == (l: SampleSummary, r: SampleSummary) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return l.count == r.count && same(l.mean, r.mean) && same(l.standardDeviation, r.standardDeviation)
            && same(l.median, r.median) && same(l.lowerQuartile, r.lowerQuartile) && same(l.upperQuartile, r.upperQuartile)
            && same(l.min, r.min) && same(l.max, r.max) && l.confidenceInterval95 == r.confidenceInterval95
    }
}
