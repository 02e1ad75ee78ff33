import Foundation
import Tensors

/// The checked header of a safetensors file: every entry's dtype, shape and byte range, such that
/// the ranges cover the data exactly, without gaps or overlaps, and each holds its shape's bytes.
struct SafetensorsHeader {
    struct Entry {
        var name: String
        var dtype: SafetensorsDType
        var shape: [Int]
        var elements: Int
        /// Relative to the start of the data.
        var offsets: Range<Int>
    }

    /// In data order.
    var entries: [Entry] = []
    var metadata: [String: String] = [:]
    /// Where the data starts in the file: after the length and the header.
    var dataStart: Int

    init(_ bytes: UnsafeRawBufferPointer, file: String) throws {
        func fail(_ message: String) -> SafetensorsError { SafetensorsError(file: file, message) }
        guard bytes.count >= 8 else {
            throw fail("truncated: \(bytes.count) bytes; a safetensors file starts with an 8-byte header length")
        }
        let length = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard length <= UInt64(Safetensors.maxHeaderBytes) else {
            throw fail("header length \(length) is absurd; expected at most \(Safetensors.maxHeaderBytes) bytes")
        }
        guard length <= UInt64(bytes.count - 8) else {
            throw fail("header length \(length) runs past the end of the file (\(bytes.count) bytes in all)")
        }
        dataStart = 8 + Int(length)
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart])
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw fail("header does not start with '{'; expected a JSON object")
        }
        let json: [String: JSONValue]
        do { json = try JSONDecoder().decode([String: JSONValue].self, from: Data(headerBytes)) } catch {
            throw fail("header is not a JSON object (\(ModelFile.describe(error).replacingOccurrences(of: "\n", with: " ")))")
        }
        let dataCount = bytes.count - dataStart
        for (name, value) in json {
            if name == "__metadata__" {
                guard case let .object(fields) = value else { throw fail("'__metadata__' is not an object; expected a map of names to strings") }
                for (key, v) in fields {
                    guard case let .string(s) = v else { throw fail("'__metadata__' entry '\(key)' is not a string; expected a map of names to strings") }
                    metadata[key] = s
                }
                continue
            }
            entries.append(try Self.entry(name, value, fail: fail))
        }
        entries.sort { ($0.offsets.lowerBound, $0.offsets.upperBound, $0.name) < ($1.offsets.lowerBound, $1.offsets.upperBound, $1.name) }
        var covered = 0, previous = ""
        for e in entries {
            let range = "data_offsets [\(e.offsets.lowerBound), \(e.offsets.upperBound)]"
            guard e.offsets.upperBound <= dataCount else {
                throw fail("tensor '\(e.name)' \(range) run past the end of the data (\(dataCount) bytes)")
            }
            guard e.offsets.lowerBound >= covered else {
                throw fail("tensor '\(e.name)' \(range) overlap tensor '\(previous)', which ends at \(covered)")
            }
            guard e.offsets.lowerBound == covered else {
                throw fail("data bytes \(covered)..<\(e.offsets.lowerBound) belong to no tensor; expected tensors to cover the data without gaps")
            }
            covered = e.offsets.upperBound
            previous = e.name
        }
        guard covered == dataCount else {
            throw fail("data bytes \(covered)..<\(dataCount) belong to no tensor; expected tensors to cover the data without gaps")
        }
    }

    private static func entry(_ name: String, _ value: JSONValue, fail: (String) -> SafetensorsError) throws -> Entry {
        guard case let .object(fields) = value else { throw fail("tensor '\(name)' is not an object; expected {dtype, shape, data_offsets}") }
        guard case let .string(typeName)? = fields["dtype"] else { throw fail("tensor '\(name)' has no 'dtype' string") }
        guard let dtype = SafetensorsDType(rawValue: typeName) else {
            throw fail("tensor '\(name)' has unknown dtype '\(typeName)'; expected one of \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard SafetensorsDType.readable.contains(dtype) else {
            throw fail("tensor '\(name)' has dtype \(typeName), which this reader does not convert; expected \(SafetensorsDType.readable.map(\.rawValue).joined(separator: ", "))")
        }
        guard case let .array(dims)? = fields["shape"] else { throw fail("tensor '\(name)' has no 'shape' list") }
        let shape = try dims.map { d -> Int in
            guard case let .int(v) = d, v >= 0 else { throw fail("tensor '\(name)' shape \(Self.text(.array(dims))) holds \(Self.text(d)); expected sizes >= 0") }
            return v
        }
        guard case let .array(offsets)? = fields["data_offsets"], offsets.count == 2,
              case let .int(begin) = offsets[0], case let .int(end) = offsets[1], begin >= 0, begin <= end else {
            throw fail("tensor '\(name)' data_offsets \(fields["data_offsets"].map(Self.text) ?? "missing") should be [begin, end] with 0 <= begin <= end")
        }
        guard let elements = MemoryBudget.product(shape), case let (bytes, false) = elements.multipliedReportingOverflow(by: dtype.size) else {
            throw fail("tensor '\(name)' shape \(shape) is too large to hold")
        }
        guard bytes == end - begin else {
            throw fail("tensor '\(name)' of shape \(shape) and dtype \(typeName) needs \(bytes) bytes; its data_offsets [\(begin), \(end)] hold \(end - begin)")
        }
        return Entry(name: name, dtype: dtype, shape: shape, elements: elements, offsets: begin..<end)
    }

    /// A JSON value as compact text for a message.
    private static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
        return text.count > 60 ? text.prefix(60) + "..." : text
    }
}
