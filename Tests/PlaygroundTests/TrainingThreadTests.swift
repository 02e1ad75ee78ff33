import Foundation
import Synchronization
import Testing
@testable import Playground

@Suite struct TrainingThreadTests {
    #if os(Linux)
    @Test func trainingThreadsYieldButTheProcessDoesNot() throws {
        let seen = Mutex<Int32?>(nil)
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        TrainingThread.start(name: "test") { seen.withLock { $0 = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) } }
        let deadline = Date().addingTimeInterval(5)
        while seen.withLock({ $0 }) == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(seen.withLock { $0 } == min(before + 10, 19))
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before)
    }
    #endif

    @Test func cpuClockCountsWorkNotSleep() {
        let a = TrainingThread.cpuNanoseconds()
        Thread.sleep(forTimeInterval: 0.05)
        let b = TrainingThread.cpuNanoseconds()
        var x = 0.0
        for i in 0..<3_000_000 { x += Double(i).squareRoot() }
        let c = TrainingThread.cpuNanoseconds()
        #expect(b - a < 20_000_000, "sleeping used \(b - a) ns of CPU")
        #expect(c - b > 1_000_000 && x > 0)
    }
}
