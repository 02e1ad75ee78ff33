import Foundation

/// Splits element-wise work over the machine's cores when an array is large enough to pay for it.
public enum Parallel {
    /// Below this many elements one thread is faster than waking a second.
    nonisolated(unsafe) public static var minimumElementsPerThread = 1 << 16
    public static let coreCount = ProcessInfo.processInfo.activeProcessorCount

    /// Calls `body(range)` over disjoint chunks covering 0..<count, concurrently when worthwhile.
    /// Chunks are multiples of 64 elements so SIMD loops stay aligned to whole vectors.
    @inlinable
    public static func forEachChunk(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let threads = Swift.min(coreCount, count / minimumElementsPerThread)
        if threads <= 1 {
            body(0..<count)
            return
        }
        let chunk = ((count + threads - 1) / threads + 63) & ~63
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let start = t * chunk
            let end = Swift.min(start + chunk, count)
            if start < end { body(start..<end) }
        }
    }
}
