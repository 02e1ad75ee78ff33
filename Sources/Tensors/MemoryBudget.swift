import Foundation

/// Checks a size a user or a file asked for before anything is allocated, so an absurd number
/// becomes a one-line error instead of an allocation trap or a machine brought to its knees.
public enum MemoryBudget {
    /// The most bytes one request may take: the machine's physical memory, less a margin for
    /// everything else that runs. Tests may lower it.
    nonisolated(unsafe) public static var limitBytes: Int = {
        let physical = ProcessInfo.processInfo.physicalMemory
        return Int(min(physical, UInt64(Int.max)) / 10 * 8)
    }()

    /// The product of `dimensions`, or nil when it overflows `Int` or any dimension is negative.
    public static func product(_ dimensions: [Int]) -> Int? {
        var total = 1
        for d in dimensions {
            guard d >= 0 else { return nil }
            let (p, overflow) = total.multipliedReportingOverflow(by: d)
            guard !overflow else { return nil }
            total = p
        }
        return total
    }

    /// Throws unless `elements` values of `bytesPerElement` bytes fit the budget; `what` names
    /// the request in the message ("the training images of train-images-idx3-ubyte.gz").
    public static func check(elements: Int, bytesPerElement: Int = 4, for what: String) throws {
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: bytesPerElement)
        guard elements >= 0, !overflow, bytes <= limitBytes else {
            throw SizeError(what: what, elements: elements, bytesPerElement: bytesPerElement, limitBytes: limitBytes)
        }
    }

    /// Throws unless a tensor of `shape` can be allocated within the budget.
    public static func check(shape: [Int], for what: String) throws {
        guard let n = product(shape) else {
            throw SizeError(what: what + " of shape \(shape)", elements: -1, bytesPerElement: 4, limitBytes: limitBytes)
        }
        try check(elements: n, for: what + " of shape \(shape)")
    }
}

/// A requested size beyond what this machine can hold.
public struct SizeError: Error, CustomStringConvertible, Equatable {
    public let what: String
    /// -1 when the count itself overflowed.
    public let elements: Int
    public let bytesPerElement: Int
    public let limitBytes: Int

    public var description: String {
        let limit = String(format: "%.1f GiB", Double(limitBytes) / 1_073_741_824)
        guard elements >= 0 else { return "\(what): the size overflows a 64-bit count; this machine can hold at most \(limit)" }
        let need = Double(elements) * Double(bytesPerElement) / 1_073_741_824
        return "\(what) needs \(String(format: "%.1f", need)) GiB; this machine can hold at most \(limit)"
    }
}
