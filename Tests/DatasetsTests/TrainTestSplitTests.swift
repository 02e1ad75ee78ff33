import Testing
import Tensors
@testable import Datasets

/// trainTestSplit against scikit-learn's sizes and the properties any split must have.
@Suite struct TrainTestSplitTests {
    /// Row r of x holds r in every column, so rows can be traced through the split.
    static func data(_ n: Int, columns: Int = 3) -> (Tensor, [Int]) {
        (Tensor(shape: [n, columns], scalars: (0..<n).flatMap { r in Array(repeating: Float(r), count: columns) }), Array(0..<n))
    }

    /// Values from scikit-learn 1.9.1: `len(train_test_split(range(n), test_size=t)[1])`; its rejections
    /// (test_size 0.0, 1.0, 0, n and 0.95 of 10) are the ones `sizesScikitLearnRejects` checks.
    @Test(arguments: [(42_000, 0.166, 6972), (10, 0.25, 3), (10, 0.21, 3), (3, 0.5, 2), (1000, 0.2, 200), (7, 0.1, 1)])
    func fractionsRoundUpAsScikitLearn(_ n: Int, _ fraction: Double, _ expected: Int) throws {
        #expect(try TestSize.fraction(fraction).testRows(of: n) == expected)
        let (x, y) = Self.data(n, columns: 1)
        let split = try trainTestSplit(x, y, testSize: .fraction(fraction), seed: 0)
        #expect(split.yTest.count == expected)
        #expect(split.yTrain.count == n - expected)
    }

    @Test func theArticlesSplit() throws {
        let (x, y) = Self.data(42_000, columns: 2)
        let s = try trainTestSplit(x, y, testSize: 0.166, seed: 0)
        #expect(s.xTrain.rows == 35_028)
        #expect(s.xTest.rows == 6972)
        #expect(Set(s.yTrain).isDisjoint(with: s.yTest))
        #expect(Set(s.yTrain).union(s.yTest) == Set(0..<42_000))
    }

    @Test func rowsTravelWithTheirLabels() throws {
        let (x, y) = Self.data(50)
        let s = try trainTestSplit(x, y, testSize: 12, seed: 7)
        #expect(s.yTest.count == 12)
        for (part, labels) in [(s.xTrain, s.yTrain), (s.xTest, s.yTest)] {
            for (r, label) in labels.enumerated() { #expect((0..<3).allSatisfy { part[r, $0] == Float(label) }) }
        }
    }

    @Test func seededShuffleIsReproducibleAndSeedsDiffer() throws {
        let a = try trainTestIndices(count: 100, testSize: 0.3, seed: 42)
        let b = try trainTestIndices(count: 100, testSize: 0.3, seed: 42)
        let c = try trainTestIndices(count: 100, testSize: 0.3, seed: 43)
        #expect(a.train == b.train && a.test == b.test)
        #expect(a.test != c.test)
        #expect(a.test != Array(70..<100))
    }

    @Test func withoutShuffleTheLastRowsAreTheTestSet() throws {
        let (x, y) = Self.data(10)
        let s = try trainTestSplit(x, y, testSize: 0.25, shuffle: false)
        #expect(s.yTrain == Array(0..<7))
        #expect(s.yTest == [7, 8, 9])
        #expect(s.xTest[0, 0] == 7)
    }

    @Test func rankFourImagesAndTensorTargetsSplitByRow() throws {
        let x = Tensor(shape: [6, 2, 2, 1], scalars: (0..<24).map(Float.init))
        let y = Tensor(shape: [6, 1], scalars: (0..<6).map(Float.init))
        let s = try trainTestSplit(x, y, testSize: 2, shuffle: false)
        #expect(s.xTrain.shape == [4, 2, 2, 1])
        let lastTwo: [Float] = (16..<24).map(Float.init)
        #expect(s.xTest.scalars == lastTwo)
        #expect(s.yTest.scalars == [4, 5])
    }

    @Test func sizesScikitLearnRejects() {
        let (x, y) = Self.data(10)
        let cases: [(TestSize, String)] = [
            (0.0, "testSize 0.0 should be a fraction in (0, 1)"), (1.0, "testSize 1.0 should be"), (-0.5, "testSize -0.5"),
            (.fraction(.nan), "testSize nan"), (0, "testSize 0 should be a row count in 1..<10"), (10, "testSize 10 should be"),
            (-3, "testSize -3"), (0.95, "with 10 samples and testSize 0.95, the training set would be empty"),
        ]
        for (size, message) in cases {
            let e = #expect(throws: SplitError.self) { try trainTestSplit(x, y, testSize: size) }
            #expect(e?.description.hasPrefix(message) == true, "\(String(describing: e))")
        }
        let e = #expect(throws: SplitError.self) { try trainTestSplit(x, Array(y.prefix(9))) }
        #expect(e?.description == "x has 10 rows but y has 9 labels; expected one label per row")
    }
}
