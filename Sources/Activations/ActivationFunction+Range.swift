/// Which ends of its output range a function reaches, for printing the range as an interval.
extension ActivationFunction {
    /// Whether f attains the finite ends of its range, judged on the Double form. An end counts as
    /// only approached when f comes within 1e-6 of it far out (x = -1e8 or 1e8) yet equals it
    /// nowhere on [-10, 10]: sigmoid's 0 and 1, tanh's -1 and 1, ELU's -alpha. An end that f
    /// takes (relu's 0, hard_sigmoid's 0 and 1) or that is an interior extremum (GELU's and mish's
    /// minimum) counts as reached. ±10 stops before Double rounding makes tanh exactly 1.
    public var reachesRangeEnds: (lower: Bool, upper: Bool) {
        let sheet = characterSheet
        let far = [value(-1e8), value(1e8)]
        let sweep = stride(from: -10.0, through: 10.0, by: 1.0 / 64).map(value)
        func reached(_ end: Double) -> Bool {
            guard end.isFinite else { return false }
            let tolerance = 1e-6 * max(1, abs(end))
            let approachedFarOut = far.contains { abs($0 - end) <= tolerance }
            return !approachedFarOut || sweep.contains(end)
        }
        return (reached(sheet.lower), reached(sheet.upper))
    }

    /// The output range as an interval, e.g. `(0, 1)` for sigmoid, `[0, inf)` for relu.
    public var rangeText: String {
        let ends = reachesRangeEnds
        return characterSheet.rangeText(closedLower: ends.lower, closedUpper: ends.upper)
    }
}
