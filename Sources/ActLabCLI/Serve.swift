import ArgumentParser
import Dispatch
import Foundation
import PlaygroundServer
import Synchronization

/// `actlab serve`: the live browser playground on a local port.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the browser playground: train small networks and watch them learn, live.",
        discussion: "Open the printed URL in a browser. Everything the page needs is served by actlab itself; no network access is used.")

    @Option(help: "Address to listen on; anything but a loopback address lets other machines train on this one.")
    var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 lets the system choose).")
    var port = 8080
    @Option(help: "Trainings running at once, across all pages (1-64).")
    var maxTrainings = 4
    @Option(help: "Folder with the MNIST files, for the MNIST task (default: data/mnist).")
    var data: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw CommandError("--port must be from 0 to 65535, got \(port)") }
        guard (1...64).contains(maxTrainings) else { throw CommandError("--max-trainings must be from 1 to 64, got \(maxTrainings)") }
        guard !host.trimmingCharacters(in: .whitespaces).isEmpty, host.count <= 255 else {
            throw CommandError("--host must name an address such as 127.0.0.1")
        }
    }

    func run() throws {
        var c = PlaygroundServer.Configuration()
        c.host = host
        c.port = port
        c.maxTrainings = maxTrainings
        c.mnistDirectory = data ?? DataLocation.defaultMNIST
        let shown = host.contains(":") ? "[\(host)]" : host
        let app = PlaygroundServer.makeApplication(configuration: c) { port in
            // Printed only once listening, so that a script may wait for this line.
            try? Console.print("actlab playground: http://\(shown):\(port)/  (Ctrl-C to stop)")
        }
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                // Ctrl-C ends the process at once (see Interruption): trainings live only in memory.
                try await app.runService(gracefulShutdownSignals: [])
            } catch {
                failure.withLock { $0 = error }
            }
            done.signal()
        }
        done.wait()
        if let error = failure.withLock({ $0 }) {
            throw CommandError("cannot serve on \(shown):\(port): " + "\(error)".split(separator: "\n").joined(separator: " "))
        }
    }
}
