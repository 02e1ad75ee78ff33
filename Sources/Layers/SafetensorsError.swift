/// A safetensors file that cannot be read or written, naming the file and what is wrong.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    /// One line, whatever the file holds: a tensor name with a newline or other control
    /// character in it is shown escaped (`d\nse/bias`), so the message cannot split.
    public var description: String { Self.oneLine("\(file): \(message)") }

    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
