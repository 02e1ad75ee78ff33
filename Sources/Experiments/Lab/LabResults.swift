import Foundation

/// The `results.json` of an `actlab report` folder: every section with its figures, and what was skipped.
public struct LabResults: Codable, Sendable, Equatable {
    /// Marks the file as a lab report's, so that `actlab advise` can tell it from other JSON.
    public var format = LabResults.formatName
    public var version = 1
    public var quick: Bool
    public var seeds: Int
    public var sections: [LabSection]
    public var skipped: [Skipped]

    public static let formatName = "actlab-lab-report"

    /// An experiment that did not run, and why.
    public struct Skipped: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var reason: String
        public init(id: String, title: String, reason: String) {
            self.id = id
            self.title = title
            self.reason = reason
        }
    }

    public init(quick: Bool, seeds: Int, sections: [LabSection], skipped: [Skipped]) {
        self.quick = quick
        self.seeds = seeds
        self.sections = sections
        self.skipped = skipped
    }

    /// Every section's figures in one dictionary (figure names start with the experiment id).
    public var figures: [String: Double] {
        sections.reduce(into: [:]) { all, s in all.merge(s.figures) { a, _ in a } }
    }

    /// JSON cannot hold NaN or infinity, which a diverged run or an unbounded derivative produce.
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
