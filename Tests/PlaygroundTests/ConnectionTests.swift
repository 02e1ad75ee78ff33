import Foundation
import Synchronization
import Testing
@testable import Playground

/// A page's conversation without a network: every bad message gets one `error` line.
@Suite(.timeLimit(.minutes(1))) struct ConnectionTests {
    final class Inbox: Sendable {
        let messages = Mutex<[ServerMessage]>([])
        var send: @Sendable (String) -> Void {
            { [self] text in
                let m = try! JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8))
                messages.withLock { $0.append(m) }
            }
        }
        var all: [ServerMessage] { messages.withLock { $0 } }
        func wait(_ seconds: Double, until condition: ([ServerMessage]) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition(all) { return true }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return condition(all)
        }
    }

    @Test func badMessagesAreAnsweredWithOneLineErrors() {
        let inbox = Inbox()
        let c = PlaygroundConnection(slots: TrainingSlots(limit: 1), send: inbox.send)
        let cases: [(String, String)] = [
            ("{oops", "malformed message: not valid JSON"),
            (#"{"config":{}}"#, "malformed message: missing field 'type'"),
            (#"{"type":"train","config":{"epochs":"many"}}"#, "malformed message: expected Int at config.epochs"),
            (#"{"type":"dance"}"#, "unknown message type 'dance'"),
            (String(repeating: " ", count: PlaygroundLimits.messageBytes + 1), "message of 16385 bytes is too large"),
            (#"{"type":"train","config":{"hidden":[{"units":2,"activation":{"name":"relux"}}]}}"#, "activation 'relux'"),
            (#"{"type":"step"}"#, "step: nothing is training"),
            (#"{"type":"reset"}"#, "reset: nothing has been trained yet"),
            (#"{"type":"compare","activations":[{"name":"relu"}]}"#, "compare: expected two activations, got 1"),
        ]
        for (text, _) in cases { c.receive(text) }
        c.receive(binaryBytes: 3)
        var replies = inbox.all
        #expect(replies.count == cases.count + 1)
        #expect(replies.removeLast().message == "expected a text message holding JSON, got 3 bytes of binary data")
        for (reply, (_, expected)) in zip(replies, cases) {
            #expect(reply.type == "error")
            #expect(reply.message?.hasPrefix(expected) == true, "\(reply.message ?? "nil") should start \(expected)")
            #expect(reply.message?.contains("\n") == false)
        }
    }

    @Test func activationPanelCarriesTheCharacterSheet() throws {
        let inbox = Inbox()
        let c = PlaygroundConnection(slots: TrainingSlots(limit: 1), send: inbox.send)
        c.receive(#"{"type":"activation","activation":{"name":"relu"}}"#)
        let p = try #require(inbox.all.first?.activation)
        #expect(p.name == "relu" && p.range == "[0, inf)" && p.monotonic && !p.zeroCentred && !p.saturating && p.maxDerivative == 1)
        #expect(p.x.count == ActivationPanel.samples)
        for (x, (f, d)) in zip(p.x, zip(p.f, p.derivative)) {
            #expect(f == max(x, 0))
            if x != 0 { #expect(d == (x > 0 ? 1 : 0)) }
        }
        c.receive(#"{"type":"activation","activation":{"name":"tanh(x"}}"#)
        let error = try #require(inbox.all.last)
        #expect(error.type == "error" && error.detail?.contains("^") == true)
    }

    @Test func pastTheSlotsAPageIsBusyAndStopFreesTheSlot() throws {
        let slots = TrainingSlots(limit: 1)
        let (a, b) = (Inbox(), Inbox())
        let first = PlaygroundConnection(slots: slots, send: a.send)
        let second = PlaygroundConnection(slots: slots, send: b.send)
        first.receive(#"{"type":"train","config":{"epochs":5000,"batchSize":1}}"#)
        #expect(a.wait(5) { $0.contains { $0.snapshot != nil } })
        second.receive(#"{"type":"train"}"#)
        #expect(b.all.first?.type == "busy")
        // The same page may replace its own training without a second slot.
        first.receive(#"{"type":"reset","seed":7}"#)
        #expect(a.wait(5) { $0.filter { $0.type == "started" }.count == 2 })
        #expect(a.all.last { $0.type == "started" }?.task?.seed == 7)
        first.close()
        #expect(a.wait(1) { _ in slots.inUse == 0 })
        second.receive(#"{"type":"train","config":{"epochs":5}}"#)
        #expect(b.wait(5) { $0.last?.snapshot?.state == .finished })
        #expect(slots.inUse == 0)
    }

    @Test func compareSummarisesBothActivations() throws {
        var c = TrainingConfig()
        c.hidden = [TrainingConfig.Hidden(units: 8, activation: ActivationChoice("relu"))]
        c.epochs = 60
        let run = try CompareRun(config: c, task: try PlaygroundTask(config: c),
                                 activations: [ActivationChoice("relu"), ActivationChoice("leaky_relu", parameters: ["alpha": 0.1])],
                                 seeds: 3) { _ in }
        let result = try #require(run.run())
        #expect(result.runs.count == 6)
        #expect(result.statistics.groups.map(\.name) == ["relu", "leaky_relu(alpha=0.1)"])
        for g in result.statistics.groups {
            #expect(g.values.count == 3 && g.values.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(abs(g.summary.mean - g.values.reduce(0, +) / 3) < 1e-12)
        }
        #expect(result.statistics.verdicts.count == 1)
        // The seeds differ, so the runs do.
        #expect(Set(result.runs.map(\.valLoss)).count > 1)
        #expect(throws: PlaygroundError.self) {
            _ = try CompareRun(config: c, task: try PlaygroundTask(config: c), activations: [ActivationChoice("relu"), ActivationChoice("tanh")], seeds: 50) { _ in }
        }
    }
}
