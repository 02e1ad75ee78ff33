import Foundation
import Testing
@testable import Layers

@Suite struct HistoryTests {
    static var history: History {
        var h = History()
        h.append(["accuracy": 0.8, "loss": 0.5, "val_loss": 0.25, "val_accuracy": 0.9], seconds: 1.5)
        h.append(["loss": 0.125, "accuracy": 0.95, "val_loss": 0.5, "val_accuracy": 0.75], seconds: 2)
        return h
    }

    @Test func kerasStyleSubscripts() {
        let h = Self.history
        #expect(h.epochs == 2)
        #expect(h["loss"] == [0.5, 0.125])
        #expect(h["accuracy"] == [0.8, 0.95])
        #expect(h["val_loss"] == [0.25, 0.5])
        #expect(h["val_accuracy"] == [0.9, 0.75])
        #expect(h.seconds == [1.5, 2])
        #expect(h["precision"].isEmpty)
        #expect(h.keys == ["accuracy", "loss", "val_accuracy", "val_loss"])
    }

    @Test func csvHasKerasColumns() {
        #expect(Self.history.csv == """
        epoch,accuracy,loss,val_accuracy,val_loss
        0,0.8,0.5,0.9,0.25
        1,0.95,0.125,0.75,0.5

        """)
        #expect(History().csv == "epoch\n")
    }

    /// A key that first appears later (a learning-rate callback added mid-way) leaves earlier cells empty.
    @Test func lateKeysLeaveEarlierCellsEmpty() {
        var h = History()
        h.append(["loss": 1], seconds: 1)
        h.append(["loss": 0.5, "learning_rate": 0.01], seconds: 1)
        #expect(h.csv == "epoch,learning_rate,loss\n0,,1.0\n1,0.01,0.5\n")
    }

    @Test func jsonUsesKerasKeysAndRoundTrips() throws {
        let data = try JSONEncoder().encode(Self.history)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"val_loss\":[0.25,0.5]"))
        #expect(try JSONDecoder().decode(History.self, from: data) == Self.history)
    }
}
