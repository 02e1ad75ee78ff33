import Foundation
import Testing
import Tensors
@testable import Layers

/// The safetensors reader and writer against files assembled byte by byte, and a one-line error
/// for every way a header can lie.
@Suite struct SafetensorsTests {
    /// A file: 8-byte little-endian header length, the header text, then `data`.
    static func file(_ header: String, _ data: [UInt8] = []) -> [UInt8] {
        let h = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(h.count).littleEndian, Array.init) + h + data
    }

    static func parse(_ bytes: [UInt8]) throws -> Safetensors {
        try bytes.withUnsafeBytes { try Safetensors.parse($0, file: "w.safetensors") }
    }

    static func error(_ bytes: [UInt8]) -> String? {
        do { _ = try parse(bytes); return nil } catch { return (error as? SafetensorsError)?.description ?? "not a SafetensorsError: \(error)" }
    }

    @Test func readsEveryFloatTypeFromHandWrittenBytes() throws {
        let header = """
            {"b":{"dtype":"F16","shape":[6],"data_offsets":[8,20]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},\
            "c":{"dtype":"BF16","shape":[1,2],"data_offsets":[20,24]},"d":{"dtype":"F64","shape":[],"data_offsets":[24,32]},\
            "e":{"dtype":"F32","shape":[0,3],"data_offsets":[32,32]},"__metadata__":{"format":"pt"}}
            """
        var data: [UInt8] = [0, 0, 0xC0, 0x3F, 0, 0, 0, 0xC0]  // 1.5, -2
        data += [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00, 0x00, 0x7C, 0x00, 0x38]  // 1, -2, 65504, 2^-24, inf, 0.5
        data += [0x80, 0x3F, 0x20, 0xC0]  // bfloat16 1, -2.5
        data += withUnsafeBytes(of: (0.1 as Double).bitPattern.littleEndian, Array.init)
        let st = try Self.parse(Self.file(header, data))
        #expect(st.tensors.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(st["a"]?.scalars == [1.5, -2])
        #expect(st["b"]?.scalars == [1, -2, 65504, 0x1p-24, .infinity, 0.5])
        #expect(st["c"]?.shape == [1, 2])
        #expect(st["c"]?.scalars == [1, -2.5])
        #expect(st["d"]?.shape == [])
        #expect(st["d"]?[0] == Float(0.1))
        #expect(st["e"]?.shape == [0, 3])
        #expect(st.metadata == ["format": "pt"])
    }

    @Test func halfPrecisionMatchesItsDefinitionForEveryBitPattern() {
        for bits in 0...UInt16.max {
            let sign: Float = bits & 0x8000 == 0 ? 1 : -1
            let e = Int(bits >> 10 & 0x1F), m = Float(bits & 0x3FF)
            let value = SafetensorsDType.halfToFloat(bits)
            switch e {
            case 0: #expect(value == sign * m * 0x1p-24)
            case 31: #expect(m == 0 ? value == sign * .infinity : value.isNaN)
            default: #expect(value == sign * (1 + m / 1024) * Float(sign: .plus, exponent: e - 15, significand: 1))
            }
        }
    }

    @Test func writesTheExactBytesOfTheFormat() throws {
        let st = Safetensors(tensors: [("w", Tensor(shape: [2], scalars: [1.5, -2]))], metadata: ["a": "b"])
        let bytes = [UInt8](try st.encoded())
        let header = #"{"__metadata__":{"a":"b"},"w":{"data_offsets":[0,8],"dtype":"F32","shape":[2]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        #expect(bytes == Self.file(padded, [0, 0, 0xC0, 0x3F, 0, 0, 0, 0xC0]))
        #expect((bytes.count - 8 - 8) % 8 == 0)
    }

    @Test func roundTripsThroughAFile() throws {
        let dir = NSTemporaryDirectory() + "actlab-st-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = RandomGenerator(seed: 5)
        let a = Tensor(zeros: [3, 4, 2]); a.fillNormal(using: &rng)
        let st = Safetensors(tensors: [("layer/kernel", a), ("scalar", Tensor(shape: [], scalars: [7])), ("empty", Tensor(zeros: [0]))],
                             metadata: ["model": "m \"quoted\" / é"])
        try st.write(to: dir + "/m.safetensors")
        let back = try Safetensors.read(path: dir + "/m.safetensors")
        #expect(back.tensors.map(\.name) == ["layer/kernel", "scalar", "empty"])
        #expect(back["layer/kernel"]?.scalars == a.scalars)
        #expect(back["layer/kernel"]?.shape == [3, 4, 2])
        #expect(back["scalar"]?.scalars == [7])
        #expect(back.metadata == st.metadata)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["m.safetensors"])
        #expect(throws: SafetensorsError(file: dir + "/none", "no such file")) { try Safetensors.read(path: dir + "/none") }
        #expect(throws: SafetensorsError(file: "/dev/zero", "is not a regular file; expected a safetensors file")) { try Safetensors.read(path: "/dev/zero") }
    }

    @Test func writerRejectsDuplicateAndReservedNames() {
        let t = Tensor(zeros: [1])
        #expect(throws: SafetensorsError.self) { try Safetensors(tensors: [("x", t), ("x", t)]).encoded() }
        #expect(throws: SafetensorsError.self) { try Safetensors(tensors: [("__metadata__", t)]).encoded() }
    }

    static let w = #""w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#
    static let eight = [UInt8](repeating: 0, count: 8)

    @Test(arguments: [
        ([UInt8](), "truncated: 0 bytes; a safetensors file starts with an 8-byte header length"),
        ([1, 2, 3], "truncated: 3 bytes"),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "header length 18446744073709551615 is absurd; expected at most 100000000 bytes"),
        ([0x00, 0xE1, 0xF5, 0x05, 0, 0, 0, 0] + Array("{}".utf8), "header length 100000000 runs past the end of the file (10 bytes in all)"),
        (Array(file("{}").dropLast()), "header length 2 runs past the end of the file (9 bytes in all)"),
        (file("[1]"), "header does not start with '{'; expected a JSON object"),
        (file("{\"w\":"), "header is not a JSON object ("),
        (file("{\(w)}", [0, 0, 0, 0]), "tensor 'w' data_offsets [0, 8] run past the end of the data (4 bytes)"),
        (file("{\(w)}", eight + [1]), "data bytes 8..<9 belong to no tensor"),
        (file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, eight + [0, 0, 0, 0]), "data bytes 0..<4 belong to no tensor"),
        (file(#"{\#(w),"v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, eight), "tensor 'v' data_offsets [4, 8] overlap tensor 'w', which ends at 8"),
        (file(#"{"w":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, eight), "tensor 'w' has unknown dtype 'F33'; expected one of F64, F32"),
        (file(#"{"w":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}"#, eight), "tensor 'w' has dtype I64, which this reader does not convert; expected F32, F16, BF16, F64"),
        (file(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, eight), "tensor 'w' of shape [3] and dtype F32 needs 12 bytes; its data_offsets [0, 8] hold 8"),
        (file(#"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}}"#, eight), "tensor 'w' of shape [2] and dtype F16 needs 4 bytes"),
        (file(#"{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, eight), "tensor 'w' shape [-2] holds -2; expected sizes >= 0"),
        (file(#"{"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}}"#, eight), "tensor 'w' shape [2.5] holds 2.5"),
        (file(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#, eight), "tensor 'w' shape [4294967296, 4294967296] is too large to hold"),
        (file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, eight), "tensor 'w' data_offsets [8,0] should be [begin, end] with 0 <= begin <= end"),
        (file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}"#, eight), "tensor 'w' data_offsets [0] should be"),
        (file(#"{"w":{"dtype":"F32","shape":[2]}}"#, eight), "tensor 'w' data_offsets missing should be"),
        (file(#"{"w":{"shape":[2],"data_offsets":[0,8]}}"#, eight), "tensor 'w' has no 'dtype' string"),
        (file(#"{"w":{"dtype":"F32","data_offsets":[0,8]}}"#, eight), "tensor 'w' has no 'shape' list"),
        (file(#"{"w":[1,2]}"#), "tensor 'w' is not an object"),
        (file(#"{"__metadata__":{"a":1}}"#), "'__metadata__' entry 'a' is not a string"),
        (file(#"{"__metadata__":[]}"#), "'__metadata__' is not an object"),
    ] as [([UInt8], String)])
    func everyLieIsNamed(_ bytes: [UInt8], _ message: String) {
        let e = Self.error(bytes)
        #expect(e?.hasPrefix("w.safetensors: " + message) == true, "\(String(describing: e))")
        #expect(e?.contains("\n") == false)
    }

    /// A header nested far deeper than any real one fails in one line instead of exhausting the stack.
    @Test func deeplyNestedHeaderIsRejected() {
        let deep = "{\"w\":" + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}"
        let e = Self.error(Self.file(deep))
        #expect(e?.hasPrefix("w.safetensors: header ") == true, "\(String(describing: e?.prefix(200)))")
    }

    /// Every truncation of a valid file and random damage to its header end in a
    /// SafetensorsError or a consistent parse, never a trap.
    @Test func truncatedAndDamagedFilesNeverTrap() throws {
        let st = Safetensors(tensors: [("a", Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])), ("b", Tensor(shape: [3], scalars: [5, 6, 7]))],
                             metadata: ["k": "v"])
        let bytes = [UInt8](try st.encoded())
        for cut in 0..<bytes.count { #expect(Self.error(Array(bytes.prefix(cut))) != nil) }
        var rng = RandomGenerator(seed: 9)
        let headerEnd = 8 + Int(bytes[0]) + Int(bytes[1]) << 8
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<Int(rng.next() % 3 + 1) { damaged[Int(rng.next() % UInt64(headerEnd))] = UInt8(truncatingIfNeeded: rng.next()) }
            do {
                let parsed = try Self.parse(damaged)
                #expect(parsed.tensors.reduce(0) { $0 + $1.value.count } <= 28)
            } catch {
                #expect(error is SafetensorsError)
            }
        }
    }
}
