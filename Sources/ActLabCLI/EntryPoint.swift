import ArgumentParser
import Foundation
import Layers
import Search

extension ActLab {
    /// Runs the command line and returns the process's exit status. Every failure is one line on
    /// standard error, `actlab: <what went wrong>`, and a non-zero status: 64 for a command-line
    /// mistake, 1 for anything else, 130/143 when interrupted by SIGINT/SIGTERM.
    public static func runAsMain(_ arguments: [String]? = nil) -> Int32 {
        Console.reserveStandardDescriptors()
        // A closed pipe then fails the write with EPIPE, which is reported, instead of killing the process.
        signal(SIGPIPE, SIG_IGN)
        Interruption.install()
        // Before any sweep file is read: `sweep run` under Slurm runs the search's evaluations.
        SearchSweepTasks.register()
        do {
            let arguments = try arguments ?? RawArguments.decoded()
            // ArgumentParser takes time quadratic in the number of arguments (2,000 take seconds);
            // no actlab command line needs more than a few dozen.
            guard arguments.count <= OptionLimits.arguments else {
                throw CommandError("\(arguments.count.formattedWithCommas) arguments; actlab takes at most \(OptionLimits.arguments)")
            }
            var command = try parseAsRoot(arguments)
            try command.run()
            return Interruption.received.map(Interruption.exitStatus) ?? 0
        } catch {
            return report(error)
        }
    }

    /// Shows `error` as the user should see it and returns the exit status.
    static func report(_ error: Error) -> Int32 {
        let status = exitCode(for: error)
        if status == .success {
            // --help and --version arrive as errors too; their text belongs on standard output.
            do { try Console.print(fullMessage(for: error)) } catch { return report(error) }
            return 0
        }
        let line = errorLine(for: error)
        Console.error("actlab: " + line)
        if let signal = Interruption.received { return Interruption.exitStatus(for: signal) }
        return status.rawValue == 0 ? 1 : status.rawValue
    }

    /// The message on one line; a command-line mistake names the help to read, which
    /// ArgumentParser would have put on lines of its own after a usage block.
    static func errorLine(for error: Error) -> String {
        var text = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { text = "\(error)" }
        let full = fullMessage(for: error)
        if full.contains("Usage:"), let hint = full.split(separator: "\n").last(where: { $0.contains("--help") }) {
            let see = hint.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " for more information.", with: "")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return ([lines[0] + " (" + see.prefix(1).lowercased() + see.dropFirst() + ")"] + lines.dropFirst()).joined(separator: "\n")
        }
        return text
    }
}
