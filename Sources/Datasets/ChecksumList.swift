/// A `sha256sum`-style list (SHA256SUMS): one `<64 hex digits> <file name>` per line, the name
/// after one or more spaces and an optional `*` (binary mode). Blank lines, `#` comments, CRLF
/// line ends, a leading byte-order mark and coreutils' backslash-escaped names are understood;
/// any other line is an error naming the file and line.
public struct ChecksumList: Equatable, Sendable {
    /// One line: a file name (as stored, not necessarily UTF-8) and its lowercase digest.
    public struct Entry: Equatable, Sendable {
        public let name: [UInt8]
        public let digest: String
        public let line: Int
    }

    public let entries: [Entry]

    static let expected = "expected '<64 hex digits>  <file name>'"

    /// The digest listed for `name`, if any.
    public func digest(for name: [UInt8]) -> String? { entries.first { $0.name == name }?.digest }

    /// Reads and parses the list at `path`.
    public static func read(path: DataPath) throws -> ChecksumList {
        try parse(RawFile.contents(of: path), file: path.description)
    }

    /// Parses the bytes of a list; `file` names it in errors as `file:line`.
    public static func parse(_ bytes: [UInt8], file: String) throws -> ChecksumList {
        var entries = [Entry]()
        var firstLine = [[UInt8]: Int]()
        for (i, rawLine) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = ArraySlice(rawLine)
            if i == 0 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            if line.last == 0x0D { line = line.dropLast() }
            let place = "\(file):\(i + 1)"
            let content = line.drop { $0 == 0x20 || $0 == 0x09 }
            if content.isEmpty || content.first == UInt8(ascii: "#") { continue }
            let entry = try parseLine(content, line: i + 1, place: place)
            if let first = firstLine[entry.name] {
                throw DatasetError(file: place, "\(DataPath.display(entry.name)) is listed again (first on line \(first)); expected one line per file")
            }
            firstLine[entry.name] = i + 1
            entries.append(entry)
        }
        return ChecksumList(entries: entries)
    }

    private static func parseLine(_ text: ArraySlice<UInt8>, line: Int, place: String) throws -> Entry {
        var rest = text
        // coreutils marks a line whose name holds a backslash or newline with a leading backslash.
        let escaped = rest.first == UInt8(ascii: "\\")
        if escaped { rest = rest.dropFirst() }
        let hex = rest.prefix { isHexDigit($0) }
        guard hex.count == 64 else { throw DatasetError(file: place, expected) }
        rest = rest.dropFirst(64)
        let gap = rest.prefix { $0 == 0x20 || $0 == 0x09 }
        guard !gap.isEmpty else { throw DatasetError(file: place, expected) }
        rest = rest.dropFirst(gap.count)
        if rest.first == UInt8(ascii: "*") { rest = rest.dropFirst() }
        // Trailing blanks are an editor's, not part of a name.
        while let last = rest.last, last == 0x20 || last == 0x09 { rest = rest.dropLast() }
        guard !rest.isEmpty else { throw DatasetError(file: place, expected) }
        var name = escaped ? try unescape(rest, place: place) : Array(rest)
        if name.starts(with: [UInt8(ascii: "."), UInt8(ascii: "/")]) { name.removeFirst(2) }
        guard !name.isEmpty, !name.contains(0) else { throw DatasetError(file: place, expected) }
        return Entry(name: name, digest: String(decoding: hex, as: UTF8.self).lowercased(), line: line)
    }

    private static func unescape(_ text: ArraySlice<UInt8>, place: String) throws -> [UInt8] {
        var out = [UInt8]()
        var i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            i += 1
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < text.endIndex else { throw DatasetError(file: place, "name ends in a lone backslash; expected \\\\, \\n or \\r") }
            switch text[i] {
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            default:
                throw DatasetError(file: place, "unknown escape \\\(DataPath.display([text[i]])) in the name; expected \\\\, \\n or \\r")
            }
            i += 1
        }
        return out
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
    }
}

/// Reads a SHA256SUMS list into a name -> digest map (names decoded as UTF-8 text).
public func readChecksums(path: String) throws -> [String: String] {
    let list = try ChecksumList.read(path: DataPath(path))
    return Dictionary(list.entries.map { (String(decoding: $0.name, as: UTF8.self), $0.digest) }, uniquingKeysWith: { a, _ in a })
}
