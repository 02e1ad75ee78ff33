import Datasets
import Foundation
import Synchronization

/// One page's conversation: reads its messages, runs at most one training or comparison for
/// it at a time (holding one of the shared `TrainingSlots` while it does), and sends every
/// reply and snapshot as JSON text through `send`. `close()` stops whatever runs.
public final class PlaygroundConnection: Sendable {
    private struct State {
        var session: TrainingSession?
        var compare: CompareRun?
        var config: TrainingConfig?
        /// Counts the jobs started: only the latest job's end gives the slot back.
        var generation = 0
        var holdsSlot = false
        var closed = false
    }

    private let slots: TrainingSlots
    private let mnist: (@Sendable () throws -> MNIST)?
    private let snapshotsPerSecond: Double
    private let send: @Sendable (String) -> Void
    private let state = Mutex(State())

    public init(slots: TrainingSlots, snapshotsPerSecond: Double = 15, mnist: (@Sendable () throws -> MNIST)? = nil,
                send: @escaping @Sendable (String) -> Void) {
        self.slots = slots
        self.snapshotsPerSecond = snapshotsPerSecond
        self.mnist = mnist
        self.send = send
    }

    /// Handles one text message; every problem is answered with an `error` message.
    public func receive(_ text: String) {
        let bytes = text.utf8.count
        guard bytes <= PlaygroundLimits.messageBytes else {
            return reply(.error(PlaygroundError("message of \(bytes) bytes is too large (at most \(PlaygroundLimits.messageBytes))")))
        }
        let message: ClientMessage
        do {
            message = try JSONDecoder().decode(ClientMessage.self, from: Data(text.utf8))
        } catch {
            return reply(.error(PlaygroundError("malformed message: \(Self.describe(error))")))
        }
        do { try handle(message) } catch { reply(.error(error)) }
    }

    /// Answers a binary message, which the protocol does not use.
    public func receive(binaryBytes count: Int) {
        reply(.error(PlaygroundError("expected a text message holding JSON, got \(count) bytes of binary data")))
    }

    /// Stops this page's training or comparison; the slot is given back when its thread ends.
    public func close() {
        let (session, compare) = state.withLock { s in
            s.closed = true
            return (s.session, s.compare)
        }
        session?.stop()
        compare?.stop()
    }

    private func handle(_ m: ClientMessage) throws(PlaygroundError) {
        switch m.type {
        case "train":
            try train(m.config ?? TrainingConfig())
        case "reset":
            guard var config = state.withLock({ $0.config }) else { throw PlaygroundError("reset: nothing has been trained yet") }
            config.seed = m.seed ?? config.seed &+ 1
            try train(config)
        case "pause", "resume", "step", "stop":
            guard let session = state.withLock({ $0.session }), !session.isDone else {
                throw PlaygroundError("\(m.type): nothing is training")
            }
            switch m.type {
            case "pause": session.pause()
            case "resume": session.resume()
            case "step": session.step()
            default: session.stop()
            }
        case "activation":
            guard let choice = m.activation else { throw PlaygroundError("activation: the message needs an activation {\"name\": ...}") }
            var reply = ServerMessage(type: "activation")
            reply.activation = try ActivationPanel(choice)
            self.reply(reply)
        case "compare":
            try compare(m)
        default:
            throw PlaygroundError("unknown message type '\(String(m.type.prefix(40)))'; expected train, pause, resume, step, reset, stop, activation or compare")
        }
    }

    private func train(_ config: TrainingConfig) throws(PlaygroundError) {
        try config.validate()
        let task = try PlaygroundTask(config: config, mnist: mnist)
        // Resolve every activation now, so a bad one is answered before a slot is taken.
        _ = try PlaygroundModel.build(config: config, task: task)
        let generation = try claim { s in s.session?.stop(); s.compare?.stop(); s.compare = nil; s.config = config }
        let session = TrainingSession(config: config, task: task, snapshotsPerSecond: snapshotsPerSecond) { [self] event in
            switch event {
            case .snapshot(let snapshot):
                send(SnapshotJSON.message(snapshot))
            case .failed(let e): reply(.error(e))
            }
        }
        state.withLock { $0.session = session }
        var started = ServerMessage(type: "started")
        started.task = TaskView(config: config, task: task)
        reply(started)
        session.start { [self] in finished(generation) }
    }

    private func compare(_ m: ClientMessage) throws(PlaygroundError) {
        let config = m.config ?? TrainingConfig()
        try config.validate()
        let task = try PlaygroundTask(config: config, mnist: mnist)
        let run = try CompareRun(config: config, task: task, activations: m.activations ?? [], seeds: m.seeds ?? 5) { [self] event in
            switch event {
            case .progress(let done, let total):
                var m = ServerMessage(type: "progress")
                (m.done, m.total) = (done, total)
                reply(m)
            case .finished(let result):
                var m = ServerMessage(type: "compare")
                m.compare = result
                reply(m)
            case .failed(let e): reply(.error(e))
            }
        }
        let generation = try claim { s in s.session?.stop(); s.session = nil; s.compare?.stop() }
        state.withLock { $0.compare = run }
        run.start { [self] in finished(generation) }
    }

    /// Takes a slot unless this page holds one, stops its previous job, and numbers the new one.
    private func claim(_ replace: (inout State) -> Void) throws(PlaygroundError) -> Int {
        let outcome: Result<Int, PlaygroundError> = state.withLock { s in
            if s.closed { return .failure(PlaygroundError("the connection is closed")) }
            if !s.holdsSlot {
                guard slots.acquire() else {
                    return .failure(PlaygroundError("busy: the server is already running its \(slots.limit) trainings; try again shortly"))
                }
                s.holdsSlot = true
            }
            replace(&s)
            s.generation += 1
            return .success(s.generation)
        }
        return try outcome.get()
    }

    private func finished(_ generation: Int) {
        let release = state.withLock { s in
            guard s.generation == generation, s.holdsSlot else { return false }
            s.holdsSlot = false
            return true
        }
        if release { slots.release() }
    }

    private func reply(_ message: ServerMessage) {
        var message = message
        if message.type == "error", message.message?.hasPrefix("busy:") == true { message.type = "busy" }
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(message) else { return }
        send(String(decoding: data, as: UTF8.self))
    }

    /// A decoding error in one line: what was wrong and where.
    static func describe(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return "not JSON" }
        func path(_ c: [any CodingKey]) -> String { c.isEmpty ? "" : " at " + c.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .dataCorrupted(let c): return "not valid JSON" + path(c.codingPath)
        case .keyNotFound(let key, let c): return "missing field '\(key.stringValue)'" + path(c.codingPath)
        case .typeMismatch(let type, let c): return "expected \(type)" + path(c.codingPath)
        case .valueNotFound(let type, let c): return "expected \(type), got null" + path(c.codingPath)
        @unknown default: return "not a message"
        }
    }
}
