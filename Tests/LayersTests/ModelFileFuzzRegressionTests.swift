import Foundation
import Testing
@testable import Layers

/// Model files found by fuzz/run.sh model-json that trapped instead of throwing.
@Suite struct ModelFileFuzzRegressionTests {
    func loadError(_ json: String) -> String? {
        do { _ = try Sequential.deserialize(Data(json.utf8), source: "fuzzed.json"); return nil } catch { return "\(error)" }
    }

    static func maxout(units: Int, pieces: Int) -> String {
        """
        {"format": "activationlab-model", "version": 1, "name": "m", "seed": 7, "layers": [{"inputShape": [4], "name": "mx",
         "pieces": \(pieces), "type": "Maxout", "units": \(units), "weights": []}]}
        """
    }

    /// pieces 0 reached MaxoutActivation's precondition.
    @Test func maxoutWithZeroPieces() {
        let error = loadError(Self.maxout(units: 2, pieces: 0))
        #expect(error?.hasPrefix("fuzzed.json: layer 'mx' (Maxout): ") == true, "\(String(describing: error))")
        #expect(error?.contains("pieces") == true)
    }

    /// units * pieces overflowed Int in Maxout's initialiser.
    @Test func maxoutWhoseWidthOverflows() {
        let error = loadError(Self.maxout(units: Int.max / 2, pieces: 3))
        #expect(error?.contains("layer 'mx': \(Int.max / 2) units x 3 pieces overflows a 64-bit count") == true,
                "\(String(describing: error))")
    }

    /// 10^11 units were allocated as asked (a 1.2 TB kernel) instead of being checked first.
    @Test func denseWithAbsurdUnits() {
        let json = """
            {"format": "activationlab-model", "version": 1, "name": "m", "seed": 1, "layers": [{"type": "Dense", "name": "big",
             "units": 100000000000, "activation": {"id": "relu", "parameters": {}}, "inputShape": [3], "weights": []}]}
            """
        let error = loadError(json)
        #expect(error?.hasPrefix("fuzzed.json: layer 'big' (Dense) weights and gradients needs ") == true, "\(String(describing: error))")
        #expect(error?.contains("this machine can hold at most") == true)
    }
}
