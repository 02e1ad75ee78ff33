import Foundation
import Testing
@testable import Layers

@Suite struct HistoryTests {
    static let history = History(epochs: [
        .init(epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.25, valAccuracy: 0.9, seconds: 1.5),
        .init(epoch: 2, loss: 0.125, accuracy: 0.95, valLoss: nil, valAccuracy: nil, seconds: 2),
    ])

    @Test func kerasStyleSubscripts() {
        let h = Self.history
        #expect(h["loss"] == [0.5, 0.125])
        #expect(h["accuracy"] == [0.8, 0.95])
        #expect(h["val_loss"] == [0.25])
        #expect(h["val_accuracy"] == [0.9])
        #expect(h["seconds"] == [1.5, 2])
        #expect(h["precision"].isEmpty)
    }

    @Test func csvHasKerasColumnsAndEmptyCellsForMissingValidation() {
        #expect(Self.history.csv == """
        epoch,accuracy,loss,val_accuracy,val_loss,seconds
        1,0.8,0.5,0.9,0.25,1.5
        2,0.95,0.125,,,2.0

        """)
        #expect(History().csv == "epoch,accuracy,loss,val_accuracy,val_loss,seconds\n")
    }

    @Test func jsonUsesKerasKeysAndRoundTrips() throws {
        let data = try JSONEncoder().encode(Self.history)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"val_loss\":0.25"))
        #expect(try JSONDecoder().decode(History.self, from: data) == Self.history)
    }
}
