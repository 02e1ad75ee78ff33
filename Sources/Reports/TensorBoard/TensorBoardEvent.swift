/// The part of TensorFlow's `Event` protobuf that TensorBoard needs for scalar curves, encoded
/// by hand (no protobuf dependency): wall_time (1, double), step (2, int64), file_version
/// (3, string) and summary (5) of Summary.Value (1) with tag (1, string) and simple_value (2, float).
public struct TensorBoardEvent: Sendable, Equatable {
    public var wallTime: Double
    public var step: Int64
    /// Set only on a file's first event ("brain.Event:2").
    public var fileVersion: String?
    /// Tag -> value, written in this order.
    public var scalars: [(tag: String, value: Float)]

    public init(wallTime: Double, step: Int64 = 0, fileVersion: String? = nil, scalars: [(tag: String, value: Float)] = []) {
        self.wallTime = wallTime
        self.step = step
        self.fileVersion = fileVersion
        self.scalars = scalars
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.wallTime == b.wallTime && a.step == b.step && a.fileVersion == b.fileVersion
            && a.scalars.map(\.tag) == b.scalars.map(\.tag) && a.scalars.map(\.value) == b.scalars.map(\.value)
    }

    /// The protobuf wire bytes.
    public var encoded: [UInt8] {
        var out: [UInt8] = [0x09] + TFRecord.littleEndian(wallTime.bitPattern)
        // proto3 omits a zero step, as TensorFlow's own writer does.
        if step != 0 { out += [0x10] + Self.varint(UInt64(bitPattern: step)) }
        if let fileVersion { out += Self.lengthDelimited(field: 3, Array(fileVersion.utf8)) }
        if !scalars.isEmpty {
            var summary: [UInt8] = []
            for (tag, value) in scalars {
                let v = Self.lengthDelimited(field: 1, Array(tag.utf8)) + [0x15] + TFRecord.littleEndian(value.bitPattern)
                summary += Self.lengthDelimited(field: 1, v)
            }
            out += Self.lengthDelimited(field: 5, summary)
        }
        return out
    }

    static func lengthDelimited(field: UInt64, _ bytes: [UInt8]) -> [UInt8] {
        varint(field << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat {
            let low = UInt8(v & 0x7F)
            v >>= 7
            out.append(v == 0 ? low : low | 0x80)
        } while v != 0
        return out
    }
}
