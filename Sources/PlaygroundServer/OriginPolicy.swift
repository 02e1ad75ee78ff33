import Synchronization

/// Which pages may open the playground's WebSocket: only its own (the origins the server is
/// reached by on loopback or on the bound host, at its port), so that another site open in
/// the same browser cannot drive trainings. Every Origin header a request carries must pass.
/// Clients that send none, or a `ws:` one (no browser page has that scheme; WebSocket
/// libraries send it), are not pages and are let in.
public final class OriginPolicy: Sendable {
    public let host: String
    private let port = Atomic<Int>(0)

    public init(host: String) { self.host = host }

    /// Set once the server listens (the port may have been chosen by the system).
    public func listening(on port: Int) { self.port.store(port, ordering: .relaxed) }

    public var boundPort: Int { port.load(ordering: .relaxed) }

    public func allows(origins: [String]) -> Bool {
        origins.allSatisfy(allows(origin:))
    }

    public func allows(origin: String) -> Bool {
        let origin = origin.lowercased()
        if origin.hasPrefix("ws://") || origin.hasPrefix("wss://") { return true }
        let p = boundPort
        let hosts = Set(["127.0.0.1", "localhost", "[::1]", host.contains(":") ? "[\(host)]" : host])
        return hosts.contains { origin == "http://\($0):\(p)" }
    }
}
