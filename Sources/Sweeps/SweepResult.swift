import Foundation

/// One finished run as its result file holds it: the run's configuration (so the file checks
/// itself against its id), what it measured, and how long it took where.
public struct SweepResult: Codable, Sendable, Equatable {
    public static let format = "actlab-sweep-result-1"
    public var format: String
    public var id: String
    public var run: SweepRun
    public var measurement: SweepMeasurement
    /// Wall-clock seconds of the run (not part of any comparison: it differs between machines).
    public var seconds: Double
    public var host: String

    public init(run: SweepRun, measurement: SweepMeasurement, seconds: Double, host: String = ProcessInfo.processInfo.hostName) {
        format = Self.format
        id = run.id
        self.run = run
        self.measurement = measurement
        self.seconds = seconds
        self.host = host
    }

    /// JSON has no NaN or infinity; a diverged run's loss is still a result, written as text.
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
