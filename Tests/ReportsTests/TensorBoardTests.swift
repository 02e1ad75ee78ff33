import Foundation
import Layers
import Testing
@testable import Reports

@Suite struct TensorBoardTests {
    /// The check value every CRC-32C implementation publishes (RFC 3720, appendix B.4).
    @Test func crc32cCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        // 32 zero bytes: RFC 3720 B.4's first vector.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    }

    @Test func maskRotatesAndAdds() {
        let crc = CRC32C.checksum(Array("123456789".utf8))
        #expect(CRC32C.masked(Array("123456789".utf8)) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    /// One scalar event, framed, byte by byte: the event laid out by hand from the protobuf wire
    /// format, the CRCs from an independent bitwise implementation.
    @Test func oneEventFramedByteByByte() {
        let event = TensorBoardEvent(wallTime: 1.5, step: 3, scalars: [(tag: "loss", value: 0.25)])
        let expected: [UInt8] = [
            0x1a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // length 26, little-endian
            0x12, 0x9b, 0xd8, 0x2d,  // masked CRC-32C of the length
            0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f,  // wall_time 1.5
            0x10, 0x03,  // step 3
            0x2a, 0x0d, 0x0a, 0x0b,  // summary { value {
            0x0a, 0x04, 0x6c, 0x6f, 0x73, 0x73,  // tag "loss"
            0x15, 0x00, 0x00, 0x80, 0x3e,  // simple_value 0.25 } }
            0xd0, 0x54, 0xb2, 0x55,  // masked CRC-32C of the data
        ]
        #expect(TFRecord.frame(event.encoded) == expected)
    }

    @Test func headerEventCarriesTheFileVersion() {
        let bytes = TensorBoardEvent(wallTime: 0, fileVersion: "brain.Event:2").encoded
        #expect(bytes == [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x1a, 13] + Array("brain.Event:2".utf8))
    }

    @Test func varintsOfLargeSteps() {
        #expect(TensorBoardEvent.varint(300) == [0xac, 0x02])
        #expect(TensorBoardEvent.varint(UInt64(bitPattern: -1)).count == 10)
    }

    /// The callback writes train/ and validation/ files whose records all frame correctly,
    /// `val_` keys going to validation/ without their prefix.
    @Test func callbackWritesTrainAndValidationFiles() throws {
        let dir = NSTemporaryDirectory() + "actlab-tb-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tb = TensorBoard(logDir: dir)
        try tb.onTrainBegin(model: Sequential(), parameters: TrainingParameters(epochs: 2, steps: 1, samples: 1, batchSize: 1))
        for epoch in 0..<2 {
            var logs: Logs = ["loss": 1.0 / Double(epoch + 1), "dense/grad_norm": 0.5, "val_loss": 2]
            try tb.onEpochEnd(epoch, logs: &logs)
        }
        try tb.onTrainEnd(logs: [:])
        for (sub, tags) in [("train", ["epoch_loss", "dense/grad_norm"]), ("validation", ["epoch_loss"])] {
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub)
            #expect(files.count == 1 && files[0].hasPrefix("events.out.tfevents."))
            let records = try Self.records(Array(Data(contentsOf: URL(fileURLWithPath: dir + "/" + sub + "/" + files[0]))))
            #expect(records.count == 3, "a header and one event per epoch")
            #expect(records[0].suffix(13) == Array("brain.Event:2".utf8)[...])
            for tag in tags { #expect(records[1].firstRange(of: Array(tag.utf8)) != nil) }
        }
    }

    /// Splits a file into records, checking both CRCs of each.
    static func records(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var out: [[UInt8]] = [], i = 0
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << ($1 * 8) } }
        while i < bytes.count {
            let n = Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[i + $1]) << ($1 * 8) })
            #expect(u32(i + 8) == CRC32C.masked(bytes[i..<(i + 8)]))
            let data = Array(bytes[(i + 12)..<(i + 12 + n)])
            #expect(u32(i + 12 + n) == CRC32C.masked(data))
            out.append(data)
            i += 16 + n
        }
        return out
    }
}
