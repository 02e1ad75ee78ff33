import PropertyBased
import Testing
import Tensors
@testable import Datasets

/// Properties of the Kaggle CSV reader over generated tables: whatever the writer writes reads
/// back exactly, one damaged cell is reported at its own line and column, and no damage traps.
@Suite struct KaggleDigitsPropertyTests {
    /// Up to 4 images of 784 grey levels, half of them 0 (as in digit images), with labels.
    static let tables = zip(
        Gen.uint8(in: 0...255).array(of: 784).array(of: 0...4),
        Gen.int(in: 0...9).array(of: 4),
        Gen.bool)

    static func csv(_ rows: [[UInt8]], labels: [Int]?) throws -> [UInt8] {
        var out = [UInt8]()
        try rows.flatMap { $0 }.withUnsafeBufferPointer { p in
            try KaggleDigits.writeCSV(pixels: p, labels: labels) { out.append(contentsOf: $0) }
        }
        return out
    }

    @Test func writtenTablesReadBackExactly() async {
        await propertyCheck(count: 60, input: Self.tables) { rows, labels, labelled in
            let used = labelled ? Array(labels.prefix(rows.count)) : nil
            let text = try Self.csv(rows, labels: used)
            let read = try KaggleDigits.parse(text, file: "p.csv", labelled: labelled)
            #expect(read.images.shape == [rows.count, 784])
            let expected: [Float] = rows.flatMap { $0 }.map { Float($0) * (1 / 255) }
            #expect(read.images.scalars == expected)
            #expect(read.labels == (used ?? []))
        }
    }

    /// Cells that are not grey levels; each must be named at the column where it starts.
    static let badCells = ["", "x", "256", "-1", "1.5", " 3", "3 ", "0x1", "1e2", "999999999999", "٣", "\"7\""]

    @Test func oneBadCellIsReportedWhereItIs() async {
        await propertyCheck(count: 200, input: Gen.uint8(in: 0...255).array(of: 784), Gen.int(in: 0...783),
                            Gen.element(of: Self.badCells), Gen.int(in: 0...2)) { pixels, cell, maybeBad, line in
            let bad = maybeBad ?? "x"
            var rows = (0..<3).map { _ in pixels.map { String($0) } }
            rows[line][cell] = bad
            let text = KaggleDigits.header(labelled: false) + "\n" + rows.map { $0.joined(separator: ",") }.joined(separator: "\n")
            let column = rows[line][..<cell].reduce(1) { $0 + $1.utf8.count + 1 }
            #expect(throws: DatasetError.self) {
                do { _ = try KaggleDigits.parse(Array(text.utf8), file: "t.csv", labelled: false) } catch let e as DatasetError {
                    #expect(e.file == "t.csv:\(line + 2):\(column)", "\(e)")
                    #expect(e.message.hasPrefix("pixel\(cell) is "), "\(e)")
                    throw e
                }
            }
        }
    }

    @Test func missingOrExtraCellsAreCounted() async {
        await propertyCheck(count: 100, input: Gen.int(in: 1...784), Gen.bool, Gen.int(in: 0...9)) { change, remove, label in
            let cells = [String(label)] + Array(repeating: "17", count: 784)
            let row = remove ? Array(cells.dropLast(change)) : cells + Array(repeating: "1", count: change)
            let text = KaggleDigits.header(labelled: true) + "\n" + row.joined(separator: ",") + "\n"
            let e = #expect(throws: DatasetError.self) { try KaggleDigits.parse(Array(text.utf8), file: "t.csv", labelled: true) }
            #expect(e?.message.hasPrefix("row has \(row.count) cells; expected 785") == true, "\(String(describing: e))")
        }
    }

    /// Cutting a file anywhere either leaves whole rows (the cut fell where a row may end) or
    /// gives a DatasetError; damaging random bytes likewise never traps.
    @Test func truncatedAndDamagedFilesNeverTrap() async {
        await propertyCheck(count: 40, input: Self.tables, Gen.int(in: 0...Int.max), Gen.uint8(in: 0...255).array(of: 0...6)) { table, cut, noise in
            let (rows, labels, labelled) = table
            let used = labelled ? Array(labels.prefix(rows.count)) : nil
            var text = try Self.csv(rows, labels: used)
            text = Array(text.prefix(cut % (text.count + 1)))
            for (k, byte) in noise.enumerated() where !text.isEmpty {
                text[(k * 7919 + Int(byte)) % text.count] = byte
            }
            do {
                let read = try KaggleDigits.parse(text, file: "t.csv", labelled: labelled)
                #expect(read.images.rows <= rows.count + 1)
                #expect(read.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
            } catch {
                #expect(error is DatasetError, "\(error)")
            }
        }
    }

    /// The chunked line reader hands out the same lines as splitting the whole text, whatever
    /// the chunk size and wherever lines fall across chunk ends.
    @Test func lineReaderMatchesSplitting() async {
        await propertyCheck(count: 200, input: Gen.uint8(in: 0...255).array(of: 0...300), Gen.int(in: 40...64)) { bytes, capacity in
            // Lines of at most 30 bytes, so all fit in the chunk.
            var text = [UInt8]()
            for (i, b) in bytes.enumerated() { text.append(i % 30 == 29 || b < 20 ? 0x0A : b) }
            let reader = LineReader(bytes: text, file: "l", capacity: capacity)
            var lines = [[UInt8]]()
            while let line = try reader.next({ Array($0) }) { lines.append(line) }
            var expected = text.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                line.last == 0x0D ? Array(line.dropLast()) : Array(line)
            }
            if text.last == 0x0A || text.isEmpty { expected.removeLast() }
            #expect(lines == expected)
        }
    }
}
