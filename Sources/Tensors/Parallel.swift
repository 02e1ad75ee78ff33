import Foundation
import Synchronization

/// Splits element-wise work over the machine's cores when an array is large enough to pay for it.
///
/// The work runs on a small pool of persistent threads (one per core beyond the caller's).
/// `DispatchQueue.concurrentPerform` was measured to lose most of the second core on kernels
/// of ~50 µs (a 1M-element relu): its worker wakes so late that the caller has usually taken
/// both iterations itself. Pool threads instead take parts from a shared counter, so a late
/// worker costs nothing, and spin briefly after each job so back-to-back kernels find them awake.
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
        // Several parts per thread, so whichever thread is free takes the next one.
        let parts = Swift.max(threads, Swift.min(4 * threads, count / (1 << 15)))
        let chunk = ((count + parts - 1) / parts + 63) & ~63
        run(parts: (count + chunk - 1) / chunk) { p in
            let start = p * chunk
            body(start..<Swift.min(start + chunk, count))
        }
    }

    /// Calls `body(p)` once for every p in 0..<parts, spread over the caller and the pool's
    /// threads; returns when all have finished. Nested or concurrent calls (the pool is taken)
    /// fall back to `DispatchQueue.concurrentPerform`.
    public static func run(parts: Int, _ body: @Sendable (Int) -> Void) {
        if parts <= 1 || coreCount <= 1 {
            for p in 0..<parts { body(p) }
            return
        }
        guard let pool = WorkerPool.shared, pool.acquire() else {
            DispatchQueue.concurrentPerform(iterations: parts) { body($0) }
            return
        }
        pool.run(parts: parts, body)
    }
}

/// Persistent worker threads that wait for jobs by spinning a short while, then sleeping.
final class WorkerPool: @unchecked Sendable {
    /// How long an idle worker keeps polling before it sleeps: long enough to catch the next
    /// kernel of a forward/backward sequence, short enough not to hold a core when idle.
    static let spinNanoseconds: UInt64 = 50_000

    static let shared: WorkerPool? = Parallel.coreCount > 1 ? WorkerPool(workers: Parallel.coreCount - 1) : nil

    private let workers: Int
    private let busy = Atomic<Bool>(false)
    /// Bumped once per job; a worker runs a job when it sees a generation it has not run.
    private let generation = Atomic<Int>(0)
    /// Next part to claim, and workers finished with the current job.
    private let nextPart = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    /// Bit 0: the current job still takes workers; the rest: twice the number that joined it.
    /// The caller closes the job once every part is claimed and waits only for those that
    /// joined, so a worker that is asleep or preempted never holds the caller up.
    private let admission = Atomic<Int>(0)
    /// Workers asleep on `wake`; the caller signals once per sleeper it takes off this count.
    private let sleepers = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    // Written by the caller before the job opens, read by workers that joined it; cleared
    // before the caller returns, which is after every worker that joined has finished.
    private nonisolated(unsafe) var job: ((Int) -> Void)?
    private nonisolated(unsafe) var jobParts = 0

    private init(workers: Int) {
        self.workers = workers
        for _ in 0..<workers {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.name = "ActivationLab worker"
            thread.start()
        }
    }

    func acquire() -> Bool {
        busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    }

    func run(parts: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            job = body
            jobParts = parts
            nextPart.store(0, ordering: .relaxed)
            finished.store(0, ordering: .relaxed)
            admission.store(1, ordering: .releasing)
            generation.add(1, ordering: .sequentiallyConsistent)
            // Wake the sleepers; a worker that is about to sleep either sees the new generation
            // or is counted here and gets a signal.
            var asleep = sleepers.load(ordering: .sequentiallyConsistent)
            while asleep > 0 {
                let (exchanged, original) = sleepers.compareExchange(expected: asleep, desired: 0, ordering: .sequentiallyConsistent)
                if exchanged { for _ in 0..<asleep { wake.signal() }; break }
                asleep = original
            }
            claimParts(body)
            let joined = admission.bitwiseAnd(~1, ordering: .acquiringAndReleasing).oldValue >> 1
            // Past a short spin, wait by yielding: on a loaded machine the worker still running a
            // part may have been preempted, and a spinning caller would hold the core it needs
            // for a whole time slice (measured: a quarter of a CNN epoch's CPU time under load 8).
            var polls = 0
            while finished.load(ordering: .acquiring) < joined {
                polls &+= 1
                if polls > 1024 { sched_yield() }
            }
            job = nil
        }
        busy.store(false, ordering: .releasing)
    }

    private func claimParts(_ body: (Int) -> Void) {
        while true {
            let p = nextPart.add(1, ordering: .relaxed).oldValue
            if p >= jobParts { return }
            body(p)
        }
    }

    /// Kept out of line so the worker's copy of the closure is released before it reports.
    @inline(never)
    private func runCurrentJob() {
        claimParts(job!)
    }

    private func workerLoop() {
        var seen = 0
        while true {
            seen = waitForJob(after: seen)
            guard join() else { continue }
            runCurrentJob()
            finished.add(1, ordering: .releasing)
        }
    }

    /// Joins the current job unless its caller has already claimed every part and moved on.
    private func join() -> Bool {
        var state = admission.load(ordering: .relaxed)
        while state & 1 == 1 {
            let (exchanged, original) = admission.compareExchange(expected: state, desired: state + 2, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            state = original
        }
        return false
    }

    /// Returns the generation of the next job, spinning up to `spinNanoseconds`, then sleeping.
    private func waitForJob(after seen: Int) -> Int {
        var polls = 0
        var deadline: UInt64 = 0
        while true {
            let g = generation.load(ordering: .acquiring)
            if g != seen { return g }
            polls &+= 1
            guard polls & 63 == 0 else { continue }
            if polls > 1024 { sched_yield() }
            let now = DispatchTime.now().uptimeNanoseconds
            if deadline == 0 { deadline = now + Self.spinNanoseconds; continue }
            if now < deadline { continue }
            // Sleep: register, then look once more so a job posted meanwhile is not missed.
            sleepers.add(1, ordering: .sequentiallyConsistent)
            let g2 = generation.load(ordering: .sequentiallyConsistent)
            if g2 != seen {
                // Take ourselves off the count unless the caller already did (then it signals).
                var asleep = sleepers.load(ordering: .sequentiallyConsistent)
                var removed = false
                while asleep > 0 {
                    let (exchanged, original) = sleepers.compareExchange(expected: asleep, desired: asleep - 1, ordering: .sequentiallyConsistent)
                    if exchanged { removed = true; break }
                    asleep = original
                }
                if !removed { wake.wait() }
                return g2
            }
            wake.wait()
            polls = 0
            deadline = 0
        }
    }
}
