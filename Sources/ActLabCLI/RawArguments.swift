import Foundation
import Synchronization

/// The command line as the kernel gave it. Swift decodes argv into `String` lossily, so a path
/// holding bytes that are not UTF-8 would name a file that does not exist; such an argument is
/// opened by its raw bytes and replaced by its `/proc/<pid>/fd/<n>` alias, which every file API
/// can use, and messages show it with the odd bytes escaped.
enum RawArguments {
    /// Alias to display form, for the arguments that were replaced.
    private static let aliases = Mutex<[(alias: String, display: String)]>([])

    /// The arguments after the program name, non-UTF-8 paths replaced by their aliases; throws
    /// for any other argument that is not UTF-8, since no name or number can contain such bytes
    /// and a new file would otherwise get a name the user never typed.
    static func decoded() throws -> [String] {
        // argc is 0 when the program is started with an empty argv (execve allows it).
        try (1..<max(1, Int(CommandLine.argc))).map { i in
            guard let cString = CommandLine.unsafeArgv[i] else { return "" }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(cString).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(cString)))
            guard let text = decode(bytes) else {
                throw CommandError("argument \(i) ('\(escaped(bytes))') is not UTF-8 text and names no existing file or folder")
            }
            return text
        }
    }

    /// One argument: itself when it is UTF-8; otherwise an alias for the file it names, or for its
    /// folder when only the folder exists and the last name is UTF-8 (a file about to be written).
    static func decode(_ bytes: [UInt8]) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // `--out=<path>`: only the value is a path.
        if bytes.starts(with: Array("--".utf8)), let eq = bytes.firstIndex(of: UInt8(ascii: "=")),
           let option = String(validating: bytes[..<eq], as: UTF8.self) {
            return decode(Array(bytes[(eq + 1)...])).map { option + "=" + $0 }
        }
        if let alias = alias(opening: bytes) { return alias }
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > bytes.startIndex,
           let name = String(validating: bytes[(slash + 1)...], as: UTF8.self),
           let folder = alias(opening: Array(bytes[..<slash])) {
            return folder + "/" + name
        }
        return nil
    }

    /// `text` with every alias shown as the path the user typed.
    static func display(_ text: String) -> String {
        let known = aliases.withLock { $0 }
        guard !known.isEmpty, text.contains("/proc/") else { return text }
        // Longest first, so /proc/<pid>/fd/12 is not read as /proc/<pid>/fd/1 followed by 2.
        return known.sorted { $0.alias.count > $1.alias.count }.reduce(text) {
            $0.replacingOccurrences(of: $1.alias, with: $1.display)
        }
    }

    /// UTF-8 text as is, every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var parser = Unicode.UTF8.ForwardParser(), iterator = bytes.makeIterator(), text = "", position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                for b in bytes[position..<(position + length)] { text += String(format: "\\x%02X", b) }
                position += length
            case .emptyInput:
                return text
            }
        }
    }

    private static func alias(opening bytes: [UInt8]) -> String? {
        let fd = (bytes + [0]).withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { return nil }
        // By process id, not /proc/self: a child such as rsvg-convert resolves it to this process too.
        let alias = "/proc/\(getpid())/fd/\(fd)"
        aliases.withLock { $0.append((alias: alias, display: escaped(bytes))) }
        return alias
    }
}
