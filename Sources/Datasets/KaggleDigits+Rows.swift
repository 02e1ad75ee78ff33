/// Checks the header and parses the rows of one Kaggle digits CSV file, with errors that name
/// `file:line:column` and the cell by its header name.
struct DigitRows {
    let file: String
    let labelled: Bool
    var cellCount: Int { KaggleDigits.pixelCount + (labelled ? 1 : 0) }

    private var expectedHeader: String { labelled ? "'label,pixel0,...,pixel783'" : "'pixel0,...,pixel783'" }
    private var expectedCells: String { labelled ? "\(cellCount) (label, pixel0...pixel783)" : "\(cellCount) (pixel0...pixel783)" }

    func cellName(_ index: Int) -> String {
        labelled ? (index == 0 ? "label" : "pixel\(index - 1)") : "pixel\(index)"
    }

    func fail(_ line: Int, _ column: Int, _ message: String) -> DatasetError {
        DatasetError(file: "\(file):\(line):\(column)", message)
    }

    func checkHeader(_ raw: UnsafeBufferPointer<UInt8>, line: Int) throws {
        // A UTF-8 byte order mark, as spreadsheet programs write, is not part of the first name.
        let bom = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
        let cells = raw[bom...].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        let first = String(decoding: cells[0], as: UTF8.self)
        if !first.isEmpty, first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw fail(line, 1, "missing header: the first line holds numbers; expected the header \(expectedHeader)")
        }
        if labelled, first == "pixel0" {
            throw fail(line, 1, "header has no 'label' column (a test.csv?); expected \(expectedHeader)")
        }
        if !labelled, first == "label" {
            throw fail(line, 1, "header starts with 'label' (a train.csv?); expected \(expectedHeader)")
        }
        var column = bom + 1
        for (i, cell) in cells.enumerated() {
            if i >= cellCount { throw fail(line, column, "header has \(cells.count) columns; expected \(expectedCells)") }
            let name = String(decoding: cell, as: UTF8.self)
            if name != cellName(i) {
                throw fail(line, column, "header column \(i + 1) is '\(Self.printable(cell))'; expected '\(cellName(i))'")
            }
            column += cell.count + 1
        }
        if cells.count < cellCount {
            throw fail(line, column - 1, "header has \(cells.count) columns; expected \(expectedCells)")
        }
    }

    /// Parses one row into `pixels` (784 values scaled to [0, 1]) and returns its label (-1 when
    /// the file has none). This is the loop that sets the loading speed: bytes only, no strings.
    @inline(__always)
    func parse(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into pixels: UnsafeMutablePointer<Float>) throws -> Int {
        let n = line.count
        let cells = cellCount
        var i = 0, label = -1
        for cell in 0..<cells {
            let start = i
            var value: UInt32 = 0
            while i < n {
                let digit = line[i] &- 0x30
                if digit > 9 { break }
                // Saturate, so a long run of digits cannot overflow; it is out of range either way.
                value = value < 100_000 ? value &* 10 &+ UInt32(digit) : value
                i += 1
            }
            if i == start || (i < n && line[i] != UInt8(ascii: ",")) {
                var stop = i
                while stop < n, line[stop] != UInt8(ascii: ",") { stop += 1 }
                if stop == start { throw fail(number, start + 1, "\(cellName(cell)) is empty; expected \(range(cell))") }
                let text = Self.printable(UnsafeBufferPointer(rebasing: line[start..<stop]))
                throw fail(number, start + 1, "\(cellName(cell)) is '\(text)'; expected \(range(cell))")
            }
            if labelled && cell == 0 {
                guard value <= 9 else { throw fail(number, start + 1, "label is \(digits(line, start, i)); expected a digit 0...9") }
                label = Int(value)
            } else {
                guard value <= 255 else {
                    throw fail(number, start + 1, "\(cellName(cell)) is \(digits(line, start, i)); expected a grey level 0...255")
                }
                pixels[labelled ? cell - 1 : cell] = Float(value) * (1 / 255)
            }
            if cell < cells - 1 {
                guard i < n else { throw fail(number, i + 1, "row has \(cell + 1) cells; expected \(expectedCells)") }
                i += 1
            } else if i < n {
                let extra = line[i...].reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
                throw fail(number, i + 1, "row has \(cells + extra) cells; expected \(expectedCells)")
            }
        }
        return label
    }

    /// The digits of a number too large to hold, as written.
    private func digits(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        Self.printable(UnsafeBufferPointer(rebasing: line[start..<end]))
    }

    private func range(_ cell: Int) -> String {
        labelled && cell == 0 ? "a digit 0...9" : "a whole number 0...255"
    }

    /// At most 20 bytes of a cell, control characters and line separators escaped, so the message stays one line.
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(20), as: UTF8.self)
        let breaking: Set<Unicode.GeneralCategory> = [.control, .lineSeparator, .paragraphSeparator]
        let escaped = text.unicodeScalars.map { breaking.contains($0.properties.generalCategory) ? $0.escaped(asASCII: true) : String($0) }.joined()
        return escaped + (bytes.count > 20 ? "..." : "")
    }
}
