/// The outcome of comparing two groups of repeated runs: Welch's test, Holm-adjusted over
/// every pair compared together, and a sentence a learner can read.
public struct PairVerdict: Codable, Sendable, Equatable {
    public var first: String
    public var second: String
    /// mean(first) - mean(second).
    public var meanDifference: Double
    public var t: Double
    public var degreesOfFreedom: Double
    public var pValue: Double
    /// Holm's step-down adjustment over all pairs of the comparison.
    public var adjustedPValue: Double
    /// Whether the adjusted p-value is below the comparison's alpha.
    public var distinguishable: Bool
    /// "relu vs tanh: relu higher (p = 0.003, Holm-adjusted)" or "relu vs tanh: not distinguishable at N = 5".
    public var verdict: String

    public init(first: String, second: String, meanDifference: Double, t: Double, degreesOfFreedom: Double,
                pValue: Double, adjustedPValue: Double, distinguishable: Bool, verdict: String) {
        self.first = first
        self.second = second
        self.meanDifference = meanDifference
        self.t = t
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
        self.adjustedPValue = adjustedPValue
        self.distinguishable = distinguishable
        self.verdict = verdict
    }

    enum CodingKeys: String, CodingKey {
        case first, second, meanDifference, t, degreesOfFreedom, pValue, adjustedPValue, distinguishable, verdict
    }

    // A test between constant groups gives t = ±infinity, and too few runs give NaN; JSON holds neither, so they are null.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys) throws -> Double { try c.decodeIfPresent(Double.self, forKey: key) ?? .nan }
        first = try c.decode(String.self, forKey: .first)
        second = try c.decode(String.self, forKey: .second)
        meanDifference = try value(.meanDifference)
        t = try value(.t)
        degreesOfFreedom = try value(.degreesOfFreedom)
        pValue = try value(.pValue)
        adjustedPValue = try value(.adjustedPValue)
        distinguishable = try c.decode(Bool.self, forKey: .distinguishable)
        verdict = try c.decode(String.self, forKey: .verdict)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ v: Double, _ key: CodingKeys) throws { if v.isFinite { try c.encode(v, forKey: key) } else { try c.encodeNil(forKey: key) } }
        try c.encode(first, forKey: .first)
        try c.encode(second, forKey: .second)
        try put(meanDifference, .meanDifference)
        try put(t, .t)
        try put(degreesOfFreedom, .degreesOfFreedom)
        try put(pValue, .pValue)
        try put(adjustedPValue, .adjustedPValue)
        try c.encode(distinguishable, forKey: .distinguishable)
        try c.encode(verdict, forKey: .verdict)
    }

    public static func == (l: PairVerdict, r: PairVerdict) -> Bool {
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        return l.first == r.first && l.second == r.second && same(l.meanDifference, r.meanDifference) && same(l.t, r.t)
            && same(l.degreesOfFreedom, r.degreesOfFreedom) && same(l.pValue, r.pValue)
            && same(l.adjustedPValue, r.adjustedPValue) && l.distinguishable == r.distinguishable && l.verdict == r.verdict
    }
}
