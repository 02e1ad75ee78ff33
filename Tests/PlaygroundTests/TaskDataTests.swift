import Foundation
import Testing
@testable import Playground

@Suite struct TaskDataTests {
    func task(_ kind: String, points: Int? = nil) throws -> PlaygroundTask {
        var c = TrainingConfig()
        c.task = kind
        c.points = points
        try c.validate()
        return try PlaygroundTask(config: c, mnist: SharedMNIST.load)
    }

    @Test func cosIsTheArticlesCurve() throws {
        let t = try task("cos")
        #expect(t.rows == 100 && t.inputs == 1 && t.outputs == 1)
        #expect(t.x.first == 0 && abs(Double(t.x.last!) - 2 * .pi) < 1e-5)
        for (x, y) in zip(t.x, t.y) { #expect(abs(Double(y) - (cos(Double(x)) + 1)) < 1e-5) }
        // Validation at the midpoints, never at a training x.
        #expect(t.validationRows == 99)
        #expect(abs(Double(t.validationX[0]) - .pi / 99) < 1e-5)
        #expect(t.probeCount == PlaygroundTask.lineProbes)
    }

    @Test func otherCurvesAndAnExpression() throws {
        let step = try task("step")
        for (x, y) in zip(step.x, step.y) { #expect(y == (Double(x) < .pi ? 0 : 1)) }
        let absolute = try task("abs")
        for (x, y) in zip(absolute.x, absolute.y) { #expect(abs(Double(y) - abs(Double(x) - .pi)) < 1e-5) }
        var c = TrainingConfig()
        c.task = "expression"
        c.expression = "x * x"
        let e = try PlaygroundTask(config: c)
        for (x, y) in zip(e.x, e.y) { #expect(abs(y - x * x) < 1e-3) }
    }

    @Test func twoDimensionalSetsHaveTheirShapes() throws {
        for kind in ["circles", "xor", "spirals", "blobs", "classification"] {
            let t = try task(kind, points: 400)
            #expect(t.rows == 400 && t.inputs == 2 && t.outputs == 1, "\(kind)")
            #expect(t.validationRows == 100, "\(kind)")
            #expect(Set(t.y) == [0, 1], "\(kind)")
            let ones = t.y.filter { $0 == 1 }.count
            #expect(ones > 120 && ones < 280, "\(kind): \(ones) of 400 in class 1")
            #expect(t.probeCount == PlaygroundTask.gridSide * PlaygroundTask.gridSide)
            // The grid covers every point.
            for i in 0..<t.rows {
                #expect(Double(t.x[2 * i]) >= t.span[0][0] && Double(t.x[2 * i]) <= t.span[0][1])
                #expect(Double(t.x[2 * i + 1]) >= t.span[1][0] && Double(t.x[2 * i + 1]) <= t.span[1][1])
            }
        }
    }

    @Test func circlesPutClassOneInside() throws {
        let t = try task("circles", points: 400)
        func meanRadius(_ label: Float) -> Float {
            var sum: Float = 0, count: Float = 0
            for i in 0..<t.rows where t.y[i] == label {
                let a = t.x[2 * i], b = t.x[2 * i + 1]
                sum += (a * a + b * b).squareRoot()
                count += 1
            }
            return sum / count
        }
        #expect(abs(meanRadius(1) - 0.5) < 0.05)
        #expect(abs(meanRadius(0) - 1) < 0.05)
    }

    @Test func xorLabelsAreTheQuadrantSigns() throws {
        let t = try task("xor", points: 200)
        for i in 0..<t.rows { #expect(t.y[i] == (t.x[2 * i] * t.x[2 * i + 1] > 0 ? 1 : 0)) }
    }

    @Test func sameDataSeedSameData() throws {
        #expect(try task("spirals").x == task("spirals").x)
        var c = TrainingConfig()
        c.task = "blobs"
        c.dataSeed = 2
        #expect(try PlaygroundTask(config: c).x != task("blobs").x)
    }

    @Test func mnistSubsetIsOneHot() throws {
        let t = try task("mnist", points: 300)
        #expect(t.rows == 300 && t.inputs == 784 && t.outputs == 10)
        for r in 0..<t.rows { #expect(t.y[(r * 10)..<(r * 10 + 10)].reduce(0, +) == 1) }
        #expect(t.probeCount == PlaygroundTask.mnistProbes)
        var c = TrainingConfig()
        c.task = "mnist"
        #expect(throws: PlaygroundError.self) { _ = try PlaygroundTask(config: c, mnist: nil) }
    }
}
