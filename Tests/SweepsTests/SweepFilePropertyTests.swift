import Foundation
import PropertyBased
import Testing
@testable import Sweeps

/// Damaged sweep files never trap or hang: each either plans or fails with one line naming the file.
@Suite struct SweepFilePropertyTests {
    static let valid = Array(#"{"name": "p", "task": "curve-fit", "activations": ["relu", {"name": "leaky_relu", "parameters": {"alpha": 0.1}}, "x*tanh(x)"], "baseline": "relu", "seeds": [0, 1], "grid": {"epochs": [1, 2], "units": 3, "target": "sin"}}"#.utf8)
    /// Bytes that make JSON interesting: structure, quotes, digits, signs, exponents, letters, high bytes.
    static let bytes: [UInt8] = Array(#"{}[]":,0123456789-+.eE "\xtrufalsn"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]

    @Test func damagedFilesFailInOneLine() async {
        #expect(SweepFiles.failure(String(decoding: Self.valid, as: UTF8.self)) == nil)
        await propertyCheck(count: 400, input: Gen.int(in: 0...(Self.valid.count - 1)).array(of: 1...4),
                            Gen.int(in: 0...(Self.bytes.count - 1)).array(of: 1...4), Gen.int(in: 0...2)) { positions, replacements, how in
            var text = Self.valid
            for (p, b) in zip(positions, replacements) {
                let at = min(p, text.count - 1)
                switch how {
                case 0: text[at] = Self.bytes[b]
                case 1: text.insert(Self.bytes[b], at: at)
                default: text.remove(at: at)
                }
            }
            do {
                let plan = try SweepPlan(SweepFile.parse(Data(text), path: "p.json"))
                #expect(plan.runs.count <= SweepPlan.maximumRuns)
                #expect(Set(plan.runs.map(\.id)).count == plan.runs.count)
            } catch let error as SweepError {
                #expect(error.description.hasPrefix("p.json"))
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("not a SweepError: \(error)")
            }
        }
    }
}
