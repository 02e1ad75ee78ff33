import Foundation
import Testing
@testable import Playground

@Suite struct SnapshotJSONTests {
    func snapshot() -> Snapshot {
        Snapshot(state: .running, epoch: 12,
                 epochs: [.init(epoch: 11, loss: 0.012345678, valLoss: 3e-7, accuracy: nil, valAccuracy: 0.9),
                          .init(epoch: 12, loss: 1.5, valLoss: nil, accuracy: 1, valAccuracy: nil)],
                 prediction: [0, 1, -1, 0.5, -0.001, 0.25, 123.457, SnapshotTaker.rounded(0.1234567), 2e7, 1.0e-9].map(SnapshotTaker.rounded),
                 units: [[[0.001, -2.5], [3, 4]], [[999_999.999]]], dead: [[true, false], [false]], deadCount: 1,
                 gradientNorms: [0.5, 1e-12], epochsPerSecond: 1234.5, snapshotShare: 0.04)
    }

    @Test func decodesToTheSameSnapshotAsTheEncoderWrites() throws {
        let s = snapshot()
        let text = SnapshotJSON.message(s)
        let decoded = try JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8))
        #expect(decoded.type == "snapshot")
        #expect(decoded.snapshot == s)
        let viaEncoder = try JSONDecoder().decode(Snapshot.self, from: JSONEncoder().encode(s))
        #expect(viaEncoder == decoded.snapshot)
    }

    @Test func valuesWithoutAJSONNumberBecomeTheEncodersStrings() {
        var s = snapshot()
        s.prediction = [.nan, .infinity, -.infinity]
        s.epochs[0].loss = .nan
        let text = SnapshotJSON.message(s)
        #expect(text.contains(#""prediction":["NaN","Infinity","-Infinity"]"#))
        #expect(text.contains(#""loss":"NaN""#))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        #expect((try? decoder.decode(ServerMessage.self, from: Data(text.utf8))) != nil)
    }
}
