import Testing
import Tensors
@testable import Datasets

/// Random SHA256SUMS text never traps; lists written the way `sha256sum` writes them parse back exactly.
@Suite struct ChecksumPropertyTests {
    static let hexDigits = Array("0123456789abcdefABCDEF".utf8)

    /// A name as sha256sum might list it: any bytes but NUL and `/`, not starting or ending with a
    /// blank, `*` or `.` (those would read as spacing, the binary flag or `./`), unique by index.
    static func randomName(_ rng: inout RandomGenerator, index: Int) -> [UInt8] {
        let length = Int(rng.next() % 12)
        var name = (0..<length).map { _ -> UInt8 in
            let b = UInt8(truncatingIfNeeded: rng.next())
            return b == 0 || b == UInt8(ascii: "/") ? UInt8(ascii: "_") : b
        }
        name = Array("f\(index)-".utf8) + name + [UInt8(ascii: "z")]
        return name
    }

    /// The line sha256sum writes: names with a backslash, newline or CR escaped behind a leading `\`.
    static func line(digest: [UInt8], name: [UInt8], binary: Bool, spaces: Int) -> [UInt8] {
        let needsEscape = name.contains { $0 == UInt8(ascii: "\\") || $0 == 0x0A || $0 == 0x0D }
        var escaped = [UInt8]()
        for b in name {
            switch b {
            case UInt8(ascii: "\\"): escaped += Array("\\\\".utf8)
            case 0x0A: escaped += Array("\\n".utf8)
            case 0x0D: escaped += Array("\\r".utf8)
            default: escaped.append(b)
            }
        }
        return (needsEscape ? [UInt8(ascii: "\\")] : []) + digest + [UInt8](repeating: 0x20, count: spaces)
            + (binary ? [UInt8(ascii: "*")] : []) + (needsEscape ? escaped : name)
    }

    @Test func validListsRoundTrip() throws {
        var rng = RandomGenerator(seed: 11)
        for _ in 0..<300 {
            let count = Int(rng.next() % 6)
            var expected = [ChecksumList.Entry]()
            var text = [UInt8]()
            let crlf = rng.next() % 2 == 0
            var lineNumber = 0
            for i in 0..<count {
                if rng.next() % 4 == 0 { text += crlf ? [0x0D, 0x0A] : [0x0A]; lineNumber += 1 }
                let digest = (0..<64).map { _ in Self.hexDigits[Int(rng.next() % UInt64(Self.hexDigits.count))] }
                let name = Self.randomName(&rng, index: i)
                lineNumber += 1
                text += Self.line(digest: digest, name: name, binary: rng.next() % 2 == 0, spaces: Int(rng.next() % 3) + 1)
                text += crlf ? [0x0D, 0x0A] : [0x0A]
                expected.append(ChecksumList.Entry(name: name, digest: String(decoding: digest, as: UTF8.self).lowercased(), line: lineNumber))
            }
            let parsed = try ChecksumList.parse(text, file: "SUMS")
            #expect(parsed.entries == expected, "\(DataPath.display(text))")
        }
    }

    /// Random bytes, and valid lists with random bytes changed, parse or throw DatasetError naming a line.
    @Test func randomTextNeverTraps() {
        var rng = RandomGenerator(seed: 12)
        let alphabet = Array("0123456789abcdefABCDEF *\\\n\r\t#./nrx".utf8) + [0x00, 0xFF, 0xEF, 0xBB, 0xBF]
        for trial in 0..<3000 {
            var text: [UInt8]
            if trial % 2 == 0 {
                text = (0..<Int(rng.next() % 200)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            } else {
                let digest = Array(String(repeating: "a", count: 64).utf8)
                text = Self.line(digest: digest, name: Self.randomName(&rng, index: 0), binary: true, spaces: 1) + [0x0A]
                for _ in 0..<3 { text[Int(rng.next() % UInt64(text.count))] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            }
            do {
                let list = try ChecksumList.parse(text, file: "SUMS")
                #expect(list.entries.allSatisfy { $0.digest.count == 64 && !$0.name.isEmpty && !$0.name.contains(0) })
            } catch let error as DatasetError {
                #expect(error.file.hasPrefix("SUMS:"), "\(error)")
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
