import Synchronization
import Testing
@testable import Tensors

/// The worker pool: every part runs exactly once, back to back, nested and from several callers at once.
@Suite(.timeLimit(.minutes(1))) struct ParallelTests {
    @Test func everyPartRunsOnceAcrossManyJobs() {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 9)
        defer { counts.deallocate() }
        nonisolated(unsafe) let c = counts
        for job in 0..<2_000 {
            let parts = 1 + job % 9
            counts.initialize(repeating: 0, count: 9)
            Parallel.run(parts: parts) { p in c[p] += 1 }
            #expect((0..<9).allSatisfy { counts[$0] == ($0 < parts ? 1 : 0) }, "job \(job) with \(parts) parts")
        }
    }

    @Test func chunksCoverTheRangeExactlyOnce() {
        for count in [0, 1, 63, 65_536, 131_071, 1 << 20] {
            let marks = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
            defer { marks.deallocate() }
            marks.initialize(repeating: 0, count: max(count, 1))
            nonisolated(unsafe) let m = marks
            Parallel.forEachChunk(count) { range in for i in range { m[i] &+= 1 } }
            #expect((0..<count).allSatisfy { marks[$0] == 1 }, "count \(count)")
        }
    }

    @Test func nestedAndConcurrentCallersFallBackSafely() async {
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let sum = Atomic<Int>(0)
                    for _ in 0..<200 {
                        Parallel.run(parts: 4) { _ in
                            Parallel.run(parts: 3) { p in sum.add(p + 1, ordering: .relaxed) }
                        }
                    }
                    return sum.load(ordering: .relaxed)
                }
            }
            for await s in group { #expect(s == 200 * 4 * 6) }
        }
    }
}
