/// A sweep that cannot be planned, run or collected, said in one line that names the file and
/// field (or the run) and what was expected.
public struct SweepError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String
    public init(_ description: String) {
        // One line, whatever the message quotes (a field name or a value may hold a newline).
        self.description = description.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
