import Foundation
import Datasets
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Playground
import Synchronization

/// The playground's web server: the page and its script and style at `/`, `/app.js` and
/// `/app.css`, and one WebSocket per page at `/ws` that speaks `ClientMessage`/`ServerMessage`.
public enum PlaygroundServer {
    /// Where it listens and how much it takes on.
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 lets the system choose (tests).
        public var port = 8080
        /// Trainings and comparisons running at once, across all pages.
        public var maxTrainings = 4
        /// WebSocket connections open at once.
        public var maxConnections = 64
        /// The largest WebSocket message read; bigger ones close the connection (code 1009).
        /// Messages over `PlaygroundLimits.messageBytes` but within this are answered with an error.
        public var maxFrameBytes = 64 * 1024
        public var snapshotsPerSecond = 15.0
        /// A folder with the MNIST files, for the MNIST task; nil leaves that task answering with an error.
        public var mnistDirectory: String?

        public init() {}
    }

    /// The application, ready to `runService()`; `onListening` gets the bound port.
    public static func makeApplication(configuration c: Configuration,
                                       onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let policy = OriginPolicy(host: c.host)
        let slots = TrainingSlots(limit: c.maxTrainings)
        let connections = Atomic<Int>(0)
        let cache = c.mnistDirectory.map { MNISTCache(directory: $0) }
        var mnist: (@Sendable () throws -> MNIST)?
        if let cache { mnist = { try cache.load() } }
        let loadMNIST = mnist

        let router = Router()
        router.get("/") { _, _ in asset(PageAssets.html, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in asset(PageAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in asset(PageAssets.style, type: "text/css; charset=utf-8") }
        router.get("/catalogue.json") { _, _ in asset(PageAssets.catalogue, type: "application/json") }
        router.get("/health") { _, _ in "ok\n" }

        let ws = Router(context: BasicWebSocketRequestContext.self)
        ws.ws("/ws") { request, _ in
            guard policy.allows(origins: request.headers[values: .origin]) else { return .dontUpgrade }
            return .upgrade()
        } onUpgrade: { inbound, outbound, _ in
            let (_, open) = connections.add(1, ordering: .relaxed)
            defer { connections.subtract(1, ordering: .relaxed) }
            // Past the bound the page is told why, then the connection closes.
            guard open <= c.maxConnections else {
                try await outbound.write(.text(#"{"type":"busy","message":"busy: the server has its maximum of \#(c.maxConnections) pages open; try again shortly"}"#))
                return
            }
            // Messages wait here while the socket is slow: at most 64 (about 2 MB), the oldest
            // dropped first when a page falls seconds behind, so a stalled page cannot grow the server.
            let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(64))
            let connection = PlaygroundConnection(slots: slots, snapshotsPerSecond: c.snapshotsPerSecond, mnist: loadMNIST) {
                continuation.yield($0)
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in stream {
                        do { try await outbound.write(.text(text)) } catch { break }
                    }
                }
                do {
                    for try await message in inbound.messages(maxSize: c.maxFrameBytes) {
                        switch message {
                        case .text(let text): connection.receive(text)
                        case .binary(let data): connection.receive(binaryBytes: data.readableBytes)
                        }
                    }
                } catch {
                    // A message over the frame bound or a broken connection: either way this page is gone.
                }
                connection.close()
                continuation.finish()
                group.cancelAll()
            }
        }

        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: ws, configuration: .init(
                http1: .init(idleTimeout: .seconds(60)),
                ws: .init(maxFrameSize: c.maxFrameBytes, autoPing: .enabled(timePeriod: .seconds(20)), closeTimeout: .seconds(5)))),
            configuration: .init(address: .hostname(c.host, port: c.port), serverName: "actlab"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? c.port
                policy.listening(on: port)
                await onListening(port)
            },
            logger: {
                // The server's own notices would interleave with the command's output; only errors are shown.
                var logger = Logger(label: "actlab.serve")
                logger.logLevel = .error
                return logger
            }()
        )
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
