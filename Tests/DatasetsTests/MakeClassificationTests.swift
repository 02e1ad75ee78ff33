import Foundation
import Testing
import Tensors
@testable import Datasets

@Suite struct MakeClassificationTests {
    private func labels(_ y: Tensor) -> [Int] { y.scalars.map { Int($0) } }
    private func column(_ x: Tensor, _ c: Int) -> [Double] { (0..<x.rows).map { Double(x[$0, c]) } }

    @Test func shapesAndBalancedClasses() throws {
        let (x, y) = try makeClassification(nSamples: 1000, nFeatures: 20, flipY: 0, seed: 42)
        #expect(x.shape == [1000, 20] && y.shape == [1000, 1])
        let counts = Dictionary(grouping: labels(y), by: { $0 }).mapValues(\.count)
        #expect(counts == [0: 500, 1: 500])
        let three = try makeClassification(nSamples: 301, nInformative: 3, nClasses: 3, flipY: 0, seed: 1)
        // 301 = 3 classes * 2 clusters * 50 + 1 left over, dealt to the first cluster (class 0).
        #expect(Dictionary(grouping: labels(three.y), by: { $0 }).mapValues(\.count) == [0: 101, 1: 100, 2: 100])
    }

    @Test func weightsSetClassProportions() throws {
        let (_, y) = try makeClassification(nSamples: 1000, weights: [0.9], flipY: 0, seed: 3)
        // As in scikit-learn: the inferred weight 1 - 0.9 is 0.0999..., so int(1000 * w / 2) = 49 per class-1
        // cluster and 450 per class-0 cluster; the 2 left over go to clusters 0 and 1.
        #expect(labels(y).filter { $0 == 1 }.count == 99)
        let full = try makeClassification(nSamples: 1000, nInformative: 3, nClasses: 3, weights: [0.2, 0.3, 0.5], flipY: 0, seed: 3)
        #expect(Dictionary(grouping: labels(full.y), by: { $0 }).mapValues(\.count) == [0: 200, 1: 300, 2: 500])
    }

    @Test func redundantColumnsAreLinearCombinationsOfInformativeOnes() throws {
        let (x, _) = try makeClassification(nSamples: 200, nFeatures: 8, nInformative: 3, nRedundant: 2, nRepeated: 1,
                                            shuffle: false, seed: 7)
        let informative = (0..<3).map { column(x, $0) }
        func residual(_ target: [Double]) -> Double {
            // Least squares via the normal equations (3x3, solved by Cramer's rule); relative residual.
            var g = [[Double]](repeating: [0, 0, 0], count: 3), b = [0.0, 0, 0]
            for i in 0..<3 { for j in 0..<3 { g[i][j] = zip(informative[i], informative[j]).map(*).reduce(0, +) }; b[i] = zip(informative[i], target).map(*).reduce(0, +) }
            func det(_ m: [[Double]]) -> Double {
                m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
            }
            let d = det(g)
            let coefficients = (0..<3).map { k -> Double in var m = g; for i in 0..<3 { m[i][k] = b[i] }; return det(m) / d }
            let fit = (0..<target.count).map { r in (0..<3).map { coefficients[$0] * informative[$0][r] }.reduce(0, +) }
            let err = zip(fit, target).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            return (err / target.map { $0 * $0 }.reduce(0, +)).squareRoot()
        }
        #expect(residual(column(x, 3)) < 1e-5)
        #expect(residual(column(x, 4)) < 1e-5)
        #expect(residual(column(x, 6)) > 0.5, "noise is not explained by the informative features")
        // The repeated column copies one of the first five.
        #expect((0..<5).contains { column(x, $0) == column(x, 5) })
    }

    @Test func informativeFeaturesSeparateTheClasses() throws {
        // Class means differ on the informative features only; the noise columns are standard normal.
        let (x, y) = try makeClassification(nSamples: 2000, nFeatures: 6, nInformative: 2, nRedundant: 0,
                                            nClustersPerClass: 1, flipY: 0, classSep: 3, shuffle: false, seed: 11)
        let l = labels(y)
        func classMean(_ c: Int, _ k: Int) -> Double {
            let v = (0..<x.rows).filter { l[$0] == k }.map { Double(x[$0, c]) }
            return v.reduce(0, +) / Double(v.count)
        }
        #expect((0..<2).contains { abs(classMean($0, 0) - classMean($0, 1)) > 5 })
        for c in 2..<6 {
            let v = column(x, c), m = v.reduce(0, +) / Double(v.count)
            let sd = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
            #expect(abs(m) < 0.1 && abs(sd - 1) < 0.1)
        }
    }

    @Test func flipYRandomisesThatFractionOfLabels() throws {
        let clean = try makeClassification(nSamples: 4000, flipY: 0, shuffle: false, seed: 5)
        let noisy = try makeClassification(nSamples: 4000, flipY: 0.3, shuffle: false, seed: 5)
        #expect(clean.x.scalars == noisy.x.scalars)
        let changed = zip(labels(clean.y), labels(noisy.y)).filter { $0 != $1 }.count
        // A flipped label is redrawn from both classes, so 0.3 * 1/2 change: 600 of 4000, sd sqrt(4000 * 0.15 * 0.85) = 22.6.
        #expect(abs(changed - 600) < 5 * 23)
    }

    @Test func seedsReproduceAndDiffer() throws {
        let a = try makeClassification(seed: 42), b = try makeClassification(seed: 42), c = try makeClassification(seed: 43)
        #expect(a.x.scalars == b.x.scalars && a.y.scalars == b.y.scalars)
        #expect(a.x.scalars != c.x.scalars)
    }

    @Test func shiftScaleAndShuffle() throws {
        let plain = try makeClassification(nSamples: 50, flipY: 0, shuffle: false, seed: 9)
        let moved = try makeClassification(nSamples: 50, flipY: 0, shift: 2, scale: 3, shuffle: false, seed: 9)
        for (p, m) in zip(plain.x.scalars, moved.x.scalars) { #expect(abs((p + 2) * 3 - m) < 1e-4) }
        let shuffled = try makeClassification(nSamples: 50, flipY: 0, shuffle: true, seed: 9)
        #expect(shuffled.x.scalars.sorted() == plain.x.scalars.sorted())
        #expect(shuffled.x.scalars != plain.x.scalars)
    }

    @Test func badArgumentsGetOneLineErrors() {
        let cases: [(() throws -> (x: Tensor, y: Tensor), String)] = [
            ({ try makeClassification(nFeatures: 4, nInformative: 3, nRedundant: 2) }, "must be at most nFeatures = 4"),
            ({ try makeClassification(nInformative: 2, nClasses: 3) }, "must be at most 2^nInformative = 2^2"),
            ({ try makeClassification(nSamples: 0) }, "nSamples must be at least 1"),
            ({ try makeClassification(weights: [0.5, 0.3, 0.2]) }, "weights must hold 2 proportions"),
            ({ try makeClassification(weights: [1.5]) }, "weights must sum to at most 1"),
            ({ try makeClassification(weights: [-0.1, 1]) }, "at least 0"),
            ({ try makeClassification(flipY: 1.5) }, "flipY must lie in [0, 1]"),
            ({ try makeClassification(classSep: .nan) }, "classSep must be a positive finite number"),
            ({ try makeClassification(scale: 1e300) }, "beyond Float's range"),
            ({ try makeClassification(nSamples: Int.max / 2) }, "makeClassification's samples"),
            ({ try makeClassification(nFeatures: Int.max, nInformative: Int.max - 1, nRedundant: 2) }, "must be at most nFeatures"),
            ({ try makeClassification(nFeatures: 70, nInformative: 70, nRedundant: 0, nClasses: Int.max, nClustersPerClass: 2) }, "2^nInformative"),
        ]
        for (make, expected) in cases {
            do {
                _ = try make()
                Issue.record("no error, expected '\(expected)'")
            } catch {
                let text = "\(error)"
                #expect(text.hasPrefix("makeClassification") && text.contains(expected) && !text.contains("\n"), "\(text)")
            }
        }
    }

    @Test func manyInformativeDimensionsAndFullCubes() throws {
        // 70 informative dimensions go past the 62 drawn without replacement; 2^3 = 8 clusters fill a cube.
        let wide = try makeClassification(nSamples: 40, nFeatures: 70, nInformative: 70, nRedundant: 0, seed: 2)
        #expect(wide.x.shape == [40, 70])
        let full = try makeClassification(nSamples: 80, nInformative: 3, nClasses: 4, nClustersPerClass: 2, flipY: 0, seed: 2)
        #expect(Set(labels(full.y)) == [0, 1, 2, 3])
    }
}
