import Foundation
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    @Suite struct SummaryCommandTests {
        @Test func summaryOfTheShallowNetwork() throws {
            let text = try CommandRunner.run(["summary"])
            #expect(text.contains("│ dense (Dense)                   │ (None, 512)            │       401,920 │"), "\(text)")
            #expect(text.contains(" Total params: 407,050 (1.55 MB)\n"))
        }

        @Test func summaryOfTheDeepNetwork() throws {
            let text = try CommandRunner.run(["summary", "--activation", "sigmoid", "--depth", "6"])
            #expect(text.contains(" Total params: 1,720,330 (6.56 MB)\n"), "\(text)")
            #expect(text.contains("dense_6 (Dense)"))
        }

        /// The summary reads layer plans: a billion units per layer are counted, never allocated.
        @Test func summaryOfAModelTooLargeToBuild() throws {
            let text = try CommandRunner.run(["summary", "--units", "1000000000"])
            #expect(text.contains(" Total params: 795,000,000,010 (2.89 TB)\n"), "\(text)")
            #expect(CommandRunner.failure(["summary", "--units", "0"])?.contains("--units must be a positive whole number, got 0") == true)
            #expect(CommandRunner.failure(["summary", "--units", "9223372036854775807"])?.contains("overflows a 64-bit count") == true)
        }

        @Test func summaryRejectsBadArguments() {
            #expect(CommandRunner.failure(["summary", "--activation", "sigmod"])?.contains("'sigmoid'") == true)
            #expect(CommandRunner.failure(["summary", "--depth", "0"])?.contains("--depth must be a positive whole number, got 0") == true)
            #expect(CommandRunner.failure(["summary", "--units", "many"]) != nil)
        }
    }
}
