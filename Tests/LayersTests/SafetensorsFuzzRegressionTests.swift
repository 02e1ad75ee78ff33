import Foundation
import Testing
@testable import Layers

/// safetensors inputs found by fuzz/run.sh safetensors.
@Suite struct SafetensorsFuzzRegressionTests {
    /// A tensor name holding a newline ("d\nse/bias") split the error message over two lines.
    @Test func controlCharactersInNamesStayOnOneLine() throws {
        let bytes = try #require(Data(base64Encoded: "tgAAAAAAAAB7ImRlbnNlL2tlcm5lbCI6IHsiZHR5cGUiOiAiRjMyIiwgInNoYXBlIjogWzIsIDNdLCAiZGF0YV9vZmZzZXRzIjogWzAsIDI0XX0sICJkXG5zZS9iaWFzIjogeyJkdHlwZSI6ICJGMzIiLCAic2hhcGUiOiBbM10sICJkYXRhX29mZnNldHMiOiBbMjQsIDM2XX0sICJfX21ldGFkYXRhX18iOiB7ImZvcm1hdCI6ICJwdCJ9fQAAgD8AAABAAAAAwEAAAAA/AAAAAAAAgL8="))
        let error = try #require(throws: SafetensorsError.self) {
            try bytes.withUnsafeBytes { try Safetensors.parse($0, file: "weights.safetensors") }
        }
        #expect(!"\(error)".contains("\n"), "\(error)")
        #expect("\(error)".hasPrefix("weights.safetensors: "))
    }
}
