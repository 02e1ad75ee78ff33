import Foundation
import Testing
import Tensors
@testable import Layers

@Suite struct CSVLoggerTests {
    @Test func writesKerasColumnsEachEpochAndAppends() throws {
        let dir = Tiny.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/log.csv"
        let model = try Tiny.model()
        var seenAfterEpoch0 = ""
        let peek = LambdaCallback(onEpochEnd: { epoch, _ in
            if epoch == 1 { seenAfterEpoch0 = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        })
        let logger = CSVLogger(filename: path)
        try model.fit(x: Tiny.x, y: Tiny.y, epochs: 2, batchSize: 4,
                      callbacks: [Tiny.inject("loss", [0.5, 0.25]), Tiny.inject("val_loss", [1, 0.75]), peek, logger])
        #expect(seenAfterEpoch0 == "epoch,loss,val_loss\n0,0.5,1.0\n", "the file is complete after every epoch")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "epoch,loss,val_loss\n0,0.5,1.0\n1,0.25,0.75\n")

        // The existing header decides the columns; a missing key is NA.
        let appendPath = dir + "/semi.csv"
        try AtomicFile.write("epoch;loss;val_loss\n0;0.5;1.0\n", to: appendPath)
        let semi = CSVLogger(filename: appendPath, separator: ";", append: true)
        try model.fit(x: Tiny.x, y: Tiny.y, epochs: 1, callbacks: [Tiny.inject("loss", [0.125]), semi])
        #expect(try String(contentsOfFile: appendPath, encoding: .utf8) == "epoch;loss;val_loss\n0;0.5;1.0\n0;0.125;NA\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["log.csv", "semi.csv"])
    }
}
