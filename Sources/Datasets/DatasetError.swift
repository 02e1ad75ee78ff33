/// Why a data file could not be read, naming the file and what was expected.
public struct DatasetError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
