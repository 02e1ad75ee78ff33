/// A file-system path kept as the bytes the system uses, so a folder or file whose name is not
/// UTF-8 still opens, and messages still name it (invalid bytes shown as `\xNN`).
public struct DataPath: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(_ path: String) { bytes = Array(path.utf8) }

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// `self/name`.
    public func appending(_ name: [UInt8]) -> DataPath {
        DataPath(bytes: bytes.last == UInt8(ascii: "/") || bytes.isEmpty ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    public func appending(_ name: String) -> DataPath { appending(Array(name.utf8)) }

    public var description: String { Self.display(bytes) }

    /// `bytes` as text for a one-line message: valid UTF-8 as is; stray bytes, control characters
    /// (a newline in a name would split the message) and backslashes escaped.
    public static func display(_ bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        func escape(_ b: UInt8) { out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escape(UInt8(scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
                offset += encoded.count
            case .error(let length):
                for b in bytes[offset..<(offset + length)] { escape(b) }
                offset += length
            case .emptyInput:
                return out
            }
        }
    }
}
