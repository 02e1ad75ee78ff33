#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension DataPath {
    /// The path as typed on the command line. Swift decodes argv as UTF-8, replacing any other
    /// byte, so a folder named in Latin-1 arrives as text naming no folder; this finds the raw
    /// argument (`value` or `--option=value`) whose decoding is `text` and keeps its bytes.
    /// Falls back to `DataPath(text)` when no argument decodes to it.
    public init(commandLineArgument text: String) {
        let arguments = (0..<Int(CommandLine.argc)).compactMap { i in
            CommandLine.unsafeArgv[i].map { p in Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))) }
        }
        self = Self.matching(text, in: arguments) ?? DataPath(text)
    }

    /// The bytes among `arguments` (whole, or after the first `=` of an option) that decode to `text`.
    static func matching(_ text: String, in arguments: [[UInt8]]) -> DataPath? {
        for argument in arguments.dropFirst() {
            if String(decoding: argument, as: UTF8.self) == text { return DataPath(bytes: argument) }
            if argument.first == UInt8(ascii: "-"), let eq = argument.firstIndex(of: UInt8(ascii: "=")) {
                let value = Array(argument[(eq + 1)...])
                if String(decoding: value, as: UTF8.self) == text { return DataPath(bytes: value) }
            }
        }
        return nil
    }
}
