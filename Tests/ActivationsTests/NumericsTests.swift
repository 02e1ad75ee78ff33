import Activations
import Testing

/// NaN propagation, extreme inputs, and masked (all -inf) rows.
struct NumericsTests {
    @Test(arguments: Case.all)
    func nanInGivesNanOut(_ c: Case) {
        let f = c.function
        let columns = c.name == "maxout" ? Int(c.parameters["pieces"] ?? 2) : 2
        let x = [Float.nan] + Array(repeating: 1, count: columns - 1)
        let y = Run.forward(f, x, rows: 1, columns: columns)
        #expect(y[0].isNaN, "\(c.testDescription): f(nan, ...) = \(y)")
        #expect(f.value(.nan).isNaN)
    }

    @Test(arguments: Case.all)
    func extremeInputsNeitherOverflowNorGiveNan(_ c: Case) {
        let f = c.function
        let x: [Float] = [1e4, -1e4, 1e4, 1e4, -1e4, -1e4]
        let columns = c.name == "maxout" && c.parameters["pieces"] == 3 ? 3 : 2
        let y = Run.forward(f, x, rows: x.count / columns, columns: columns)
        let dx = Run.backward(f, x, Array(repeating: 1, count: y.count), rows: x.count / columns, columns: columns)
        // Only e^x itself is allowed to overflow, and only where its true value exceeds Float.
        let allowInfinity = c.name == "exponential"
        #expect(y.allSatisfy { !$0.isNaN && ($0.isFinite || allowInfinity) }, "\(c.testDescription): \(y)")
        #expect(dx.allSatisfy { !$0.isNaN && ($0.isFinite || allowInfinity) }, "\(c.testDescription): dx \(dx)")
    }

    @Test func rowsOfMinusInfinityAreUniform() {
        let row = [Float](repeating: -.infinity, count: 4)
        for f in [Softmax() as any ActivationFunction, Sparsemax()] {
            #expect(Run.forward(f, row, rows: 1, columns: 4) == [0.25, 0.25, 0.25, 0.25], "\(f.id)")
        }
        #expect(Run.forward(Softmin(), row.map { -$0 }, rows: 1, columns: 4) == [0.25, 0.25, 0.25, 0.25])
        let logs = Run.forward(LogSoftmax(), row, rows: 1, columns: 4)
        #expect(logs.allSatisfy { abs($0 - Float(-1.3862944)) < 1e-6 })
        // Partly masked rows: the masked entries get nothing, the rest is a normal softmax.
        let partial = Run.forward(Softmax(), [-.infinity, 0, 0, -.infinity], rows: 1, columns: 4)
        #expect(partial == [0, 0.5, 0.5, 0])
        let sparse = Run.forward(Sparsemax(), [-.infinity, 0, 0.5, -.infinity], rows: 1, columns: 4)
        #expect(sparse == [0, 0.25, 0.75, 0])
        let inf = Run.forward(Softmax(), [.infinity, 0, 1, .infinity], rows: 1, columns: 4)
        #expect(inf == [0.5, 0, 0, 0.5])
    }

    @Test func softmaxBackwardStaysFiniteOnMaskedRows() {
        let x: [Float] = [-.infinity, 0, 1, -.infinity]
        let dx = Run.backward(Softmax(), x, [1, 2, 3, 4], rows: 1, columns: 4)
        #expect(dx.allSatisfy(\.isFinite) && dx[0] == 0 && dx[3] == 0)
    }
}
