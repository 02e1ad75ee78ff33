/// A safetensors file that cannot be read or written, naming the file and what is wrong.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
