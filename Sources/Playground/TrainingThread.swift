import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The threads trainings run on, and the clock their snapshots are costed with.
enum TrainingThread {
    /// Starts `body` on a new thread that yields to the server's own threads: a page's replies
    /// and snapshots go out promptly even when every core is training.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            #if os(Linux)
            // Linux keeps a nice value per thread, and who = 0 names the calling thread only
            // (setpriority(2)); 10 leaves the server's event loops ahead of the training.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            body()
        }
        thread.name = name
        thread.start()
    }

    /// CPU time this thread has used, in nanoseconds: what a snapshot costs the training,
    /// whatever else the machine is doing.
    static func cpuNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
