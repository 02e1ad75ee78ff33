import Testing
@testable import Datasets

/// The one full load of the MNIST copy kept in the repository (checksums verified on the way).
@Suite struct MNISTRealDataTests {
    @Test func loadsTheRepositoryCopy() throws {
        let mnist = try MNIST.load(directory: TestFiles.repositoryRoot.appendingPathComponent("data/mnist").path)
        #expect(mnist.trainImages.shape == [60_000, 784])
        #expect(mnist.testImages.shape == [10_000, 784])
        #expect(mnist.trainLabels.count == 60_000)
        #expect(mnist.testLabels.count == 10_000)
        #expect(mnist.imageShape == [28, 28])
        #expect(mnist.classCount == 10)
        // The first training digit is a 5 and the first test digit a 7 (the well-known first images).
        #expect(mnist.trainLabels.first == 5)
        #expect(mnist.testLabels.first == 7)
        // Pixels are bytes / 255: inside [0, 1], with both ends used (scanned by pointer; arrays are slow in debug).
        for images in [mnist.trainImages, mnist.testImages] {
            var low: Float = 1, high: Float = 0
            let p = images.pointer
            for i in 0..<images.count { low = min(low, p[i]); high = max(high, p[i]) }
            #expect(low == 0 && high == 1)
        }
        // Every class appears; the training set has between 5,421 (digit 5) and 6,742 (digit 1) of each.
        let counts = (0..<10).map { c in mnist.trainLabels.filter { $0 == c }.count }
        #expect(counts.min() == 5_421)
        #expect(counts.max() == 6_742)
    }
}
