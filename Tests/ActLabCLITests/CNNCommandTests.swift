import Foundation
import Testing
@testable import ActLabCLI

extension CommandOutputTests {
    /// `actlab summary --model digits-cnn` and `actlab bench cnn`.
    @Suite struct CNNCommandTests {
        @Test func summaryOfTheDigitsCNN() throws {
            let text = try CommandRunner.run(["summary", "--model", "digits-cnn"])
            #expect(text.contains("│ conv2d_2 (Conv2D)"), "\(text)")
            #expect(text.contains("(None, 4, 4, 128)") && text.contains("│ flatten (Flatten)"))
            #expect(text.contains(" Total params: 345,338 (1.32 MB)\n") && text.contains(" Non-trainable params: 768 (3.00 KB)\n"))
            #expect(!text.contains("input_layer"))
            #expect(CommandRunner.failure(["summary", "--model", "resnet"])?.contains("--model must be mlp or digits-cnn, got 'resnet'") == true)
        }

        @Test func benchPrintsTheMLPShapeOfJSON() throws {
            let data = try CommandRunner.mnistSubset(train: 20, test: 8)
            let text = try CommandRunner.run(["bench", "cnn", "--data", data, "--limit", "12", "--epochs", "1", "--profile-batches", "1"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let result = try #require((json["results"] as? [[String: Any]])?.first)
            #expect(json["benchmark"] as? String == "cnn" && result["images"] as? Int == 12)
            #expect((result["all_epoch_seconds"] as? [Double])?.count == 1 && (result["seconds_per_epoch"] as? Double ?? 0) > 0)
            // 26 layers, each convolution block's four fused into one step.
            let steps = try #require(result["layer_ms_per_batch"] as? [[String: Any]])
            #expect(steps.count == 26 - 3 * 3)
            #expect(steps.compactMap { $0["layer"] as? String }.contains("conv2d_1+batch_normalization_1+activation_1+max_pooling2d_1"))
            #expect(CommandRunner.failure(["bench", "cnn", "--data", data, "--limit", "0"])?.contains("--limit must be a positive whole number") == true)
            #expect(CommandRunner.failure(["bench", "cnn", "--data", data, "--epochs", "x"])?.contains("--epochs") == true)
        }
    }
}
