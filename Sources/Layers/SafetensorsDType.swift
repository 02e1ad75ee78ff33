/// The element types a safetensors header may name. Floating-point ones are read (converted to
/// Float); the others are recognised so that a file holding them gets a clear message.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, BOOL, F8_E5M2, F8_E4M3

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .F64, .I64, .U64: return 8
        case .F32, .I32, .U32: return 4
        case .F16, .BF16, .I16, .U16: return 2
        case .I8, .U8, .BOOL, .F8_E5M2, .F8_E4M3: return 1
        }
    }

    public static let readable: [SafetensorsDType] = [.F32, .F16, .BF16, .F64]

    /// Converts `count` little-endian elements at `raw` (any alignment) into `out`.
    func decode(_ raw: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        switch self {
        case .F32:
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        case .F64:
            for i in 0..<count { out[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
        case .BF16:
            // bfloat16 is the top half of a float32.
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
        case .F16:
            for i in 0..<count { out[i] = Self.halfToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
        default:
            preconditionFailure("\(rawValue) is not a readable dtype")
        }
    }

    /// IEEE 754 binary16 to binary32, by bits: `Float16` is not available on every platform we build for.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa * 2^-24.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
        }
    }
}
