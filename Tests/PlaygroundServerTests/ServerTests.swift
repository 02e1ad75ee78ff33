import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import HummingbirdWebSocket
import Playground
import Synchronization
import Testing
@testable import PlaygroundServer

/// The server on an ephemeral port: the page, a training over the WebSocket, the origin check,
/// and hostile traffic after which a normal page still works.
@Suite(.serialized, .timeLimit(.minutes(1))) struct ServerTests {
    func app(maxTrainings: Int = 2) -> some ApplicationProtocol {
        var c = PlaygroundServer.Configuration()
        c.port = 0
        c.maxTrainings = maxTrainings
        return PlaygroundServer.makeApplication(configuration: c)
    }

    static let client = WebSocketClientConfiguration(maxFrameSize: 1 << 22)

    static func decode(_ text: String) throws -> ServerMessage {
        try JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8))
    }

    static func trainText(epochs: Int, units: Int = 16, activation: String = "relu") throws -> String {
        var c = TrainingConfig()
        c.epochs = epochs
        c.hidden = [TrainingConfig.Hidden(units: units, activation: ActivationChoice(activation))]
        return String(decoding: try JSONEncoder().encode(ClientMessage(type: "train", config: c)), as: UTF8.self)
    }

    /// Reads messages until `stop` says so (or the connection ends); returns them all. A
    /// connection's stream is read through one iterator (it may be iterated only once).
    static func read(_ messages: inout WebSocketInboundMessageStream.AsyncIterator,
                     until stop: (ServerMessage) -> Bool) async throws -> [ServerMessage] {
        var seen: [ServerMessage] = []
        while let message = try await messages.next() {
            guard case .text(let text) = message else { continue }
            let m = try decode(text)
            seen.append(m)
            if stop(m) { break }
        }
        return seen
    }

    @Test func servesThePageItsScriptAndStyle() async throws {
        try await app().test(.live) { client in
            for (path, needle) in [("/", "ActivationLab playground"), ("/app.js", "new WebSocket"), ("/app.css", "#units"),
                                   ("/catalogue.json", "\"leaky_relu\"")] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(String(buffer: response.body).contains(needle), "\(path)")
                }
            }
            try await client.execute(uri: "/nothing", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func aWebSocketSessionTrainsAndReceivesSnapshots() async throws {
        try await app().test(.live) { client in
            let origin = "http://localhost:\(client.port!)"
            var config = Self.client
            config.additionalHeaders[.origin] = origin
            try await client.ws("/ws", configuration: config) { inbound, outbound, _ in
                var stream = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                try await outbound.write(.text(try Self.trainText(epochs: 300)))
                let messages = try await Self.read(&stream) { $0.snapshot?.state == .finished }
                #expect(messages.first?.type == "started")
                #expect(messages.first?.task?.kind == "cos")
                let snapshots = messages.compactMap(\.snapshot)
                #expect(snapshots.count >= 2)
                let epochs = snapshots.flatMap(\.epochs)
                #expect(epochs.map(\.epoch) == Array(1...300))
                #expect(try #require(epochs.last?.loss) < 0.05)
            }
        }
    }

    @Test func otherOriginsAreRefused() async throws {
        try await app().test(.live) { client in
            var config = Self.client
            config.additionalHeaders[.origin] = "http://evil.example"
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                try await client.ws("/ws", configuration: config) { _, _, _ in }
            }
            config.additionalHeaders[.origin] = "http://localhost:\(client.port! + 1)"
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                try await client.ws("/ws", configuration: config) { _, _, _ in }
            }
        }
    }

    @Test func malformedHugeAndHalfOpenTrafficLeavesTheServerWorking() async throws {
        try await app().test(.live) { client in
            let port = client.port!
            // Connections that never finish their request.
            let halfOpen = (0..<8).compactMap { _ in RawSocket(port: port) }
            #expect(halfOpen.count == 8)
            for s in halfOpen { s.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
            try await client.ws("/ws", configuration: Self.client) { inbound, outbound, _ in
                var stream = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                for bad in ["{not json", "[]", #"{"type": 7}"#, #"{"type":"fly"}"#, String(repeating: "x", count: 20_000),
                            #"{"type":"train","config":{"hidden":[{"units":100000,"activation":{"name":"relu"}}]}}"#,
                            #"{"type":"train","config":{"task":"expression","expression":"sin(x"}}"#,
                            #"{"type":"pause"}"#] {
                    try await outbound.write(.text(bad))
                    let reply = try await Self.read(&stream) { _ in true }
                    #expect(reply.first?.type == "error", "\(bad.prefix(40))")
                    #expect(reply.first?.message?.contains("\n") == false)
                }
            }
            // Over the frame bound: the server closes that connection (1009) and carries on.
            let close = try await client.ws("/ws", configuration: Self.client) { inbound, outbound, _ in
                var stream = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                try await outbound.write(.text(String(repeating: "y", count: 200_000)))
                _ = try await Self.read(&stream) { _ in false }
            }
            #expect(close?.closeCode == .messageTooLarge)
            try await client.execute(uri: "/", method: .get) { #expect($0.status == .ok) }
            try await client.ws("/ws", configuration: Self.client) { inbound, outbound, _ in
                var stream = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                try await outbound.write(.text(try Self.trainText(epochs: 20)))
                let messages = try await Self.read(&stream) { $0.snapshot?.state == .finished }
                #expect(messages.last?.snapshot?.epoch == 20)
            }
            for s in halfOpen { s.close() }
        }
    }

    @Test func pastTheBoundAPageIsToldBusyAndClosingFreesTheSlot() async throws {
        try await app(maxTrainings: 1).test(.live) { client in
            let running = Flag(), release = Flag()
            let first = Task {
                try await client.ws("/ws", configuration: Self.client) { inbound, outbound, _ in
                    var stream = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                    try await outbound.write(.text(try Self.trainText(epochs: 5_000, units: 32)))
                    _ = try await Self.read(&stream) { $0.snapshot != nil }
                    running.set()
                    // The page closes mid-training once the other page has been told it is busy.
                    while !release.isSet { try await Task.sleep(for: .milliseconds(10)) }
                }
            }
            while !running.isSet { try await Task.sleep(for: .milliseconds(10)) }
            try await client.ws("/ws", configuration: Self.client) { inbound, outbound, _ in
                var stream = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
                try await outbound.write(.text(try Self.trainText(epochs: 10)))
                let reply = try await Self.read(&stream) { _ in true }
                #expect(reply.first?.type == "busy")
                #expect(reply.first?.message?.contains("busy") == true)
                release.set()
                try await first.value
                // The closed page's training ends within a second and gives its slot back.
                let asked = Date()
                var started = false
                while Date().timeIntervalSince(asked) < 1.5, !started {
                    try await outbound.write(.text(try Self.trainText(epochs: 10)))
                    started = try await Self.read(&stream) { _ in true }.first?.type == "started"
                    if !started { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(started)
                _ = try await Self.read(&stream) { $0.snapshot?.state == .finished }
            }
        }
    }
}

/// A flag one task sets and another polls.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// A bare TCP connection to the server, for traffic no HTTP client sends.
final class RawSocket: @unchecked Sendable {
    private let fd: Int32

    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(fd); return nil }
    }

    func send(_ text: String) { _ = text.withCString { write(fd, $0, strlen($0)) } }
    func close() { Glibc.close(fd) }
}

@Suite struct OriginPolicyTests {
    @Test func onlyThePagesOwnOriginsPass() {
        let p = OriginPolicy(host: "127.0.0.1")
        p.listening(on: 8080)
        #expect(p.allows(origins: []))
        #expect(p.allows(origins: ["http://127.0.0.1:8080"]))
        #expect(p.allows(origins: ["http://localhost:8080"]))
        #expect(p.allows(origins: ["ws://localhost"]))
        #expect(!p.allows(origins: ["http://localhost:8081"]))
        #expect(!p.allows(origins: ["https://evil.example"]))
        #expect(!p.allows(origins: ["null"]))
        #expect(!p.allows(origins: ["http://127.0.0.1:8080", "http://evil.example"]))
        #expect(!p.allows(origins: ["http://127.0.0.1:8080.evil.example"]))
    }
}
