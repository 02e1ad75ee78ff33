import Foundation
import Testing

/// Runs the built `actlab` executable as a child process, so that exit statuses, signals,
/// standard error and a failing standard output are seen exactly as a shell would see them.
enum BinaryRunner {
    /// Where standard output goes.
    enum Output {
        case captured, full, closedPipe, closed
    }

    struct Result {
        /// The exit status, or nil when a signal ended the process.
        var status: Int32?
        /// The signal that ended it, if one did.
        var signal: Int32?
        var stdout: String
        var stderr: String
        var seconds: Double
        var timedOut: Bool

        var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: true) }
    }

    /// The executable built next to the test bundle.
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("actlab").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return CommandRunner.repositoryRoot.appendingPathComponent(".build/debug/actlab").path
    }

    static func run(_ arguments: [String], output: Output = .captured, errorsToFullDevice: Bool = false, timeout: Double = 5) -> Result {
        run(raw: arguments.map { Array($0.utf8) }, output: output, errorsToFullDevice: errorsToFullDevice, timeout: timeout)
    }

    /// `arguments` as raw bytes, so a test can pass a path that is not UTF-8.
    static func run(raw arguments: [[UInt8]], output: Output = .captured, errorsToFullDevice: Bool = false, timeout: Double = 5,
                    whileRunning: ((pid_t, () -> String) -> Void)? = nil) -> Result {
        let base = NSTemporaryDirectory() + "actlab-child-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base + ".out"); try? FileManager.default.removeItem(atPath: base + ".err") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        switch output {
        case .captured: posix_spawn_file_actions_addopen(&actions, 1, base + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        case .full: posix_spawn_file_actions_addopen(&actions, 1, "/dev/full", O_WRONLY, 0)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        case .closedPipe:
            _ = pipe(&pipeEnds)
            close(pipeEnds[0])
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errorsToFullDevice ? "/dev/full" : base + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([Array(executable.utf8)] + arguments).map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        defer { argv.forEach { $0?.deallocate() } }
        let start = Date()
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        guard spawned == 0 else {
            return Result(status: -1, signal: nil, stdout: "", stderr: "cannot start \(executable): \(spawned)", seconds: 0, timedOut: false)
        }
        whileRunning?(pid) { (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "" }
        var status: Int32 = 0, timedOut = false
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // The wait status: low seven bits the terminating signal (0 for a normal exit), next byte the exit code.
        let signal = status & 0x7F
        return Result(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                      stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "",
                      seconds: seconds, timedOut: timedOut)
    }
}
