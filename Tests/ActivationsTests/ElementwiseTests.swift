import Activations
import Foundation
import Testing

/// Float kernels against the Double forms, and both derivatives against finite differences.
struct ElementwiseTests {
    @Test(arguments: Case.elementwise)
    func floatForwardMatchesDoubleForm(_ c: Case) {
        let f = c.function
        let xs = Inputs.all.map { Float($0) }
        let y = Run.forward(f, xs, rows: 1, columns: xs.count)
        for (x, got) in zip(xs, y) {
            var want = f.value(Double(x))
            // Where the true value overflows Float (only e^x does), +inf is the right answer.
            if Float(want).isInfinite { want = Double(Float(want)) }
            // A few Float ulps of the output, plus the rounding of x itself carried by the slope.
            let ok = close(Double(got), want, relative: 2e-6, absolute: 3e-7 * max(1, abs(Double(x))))
            #expect(ok, "\(c.testDescription): f(\(x)) = \(got), Double form \(want)")
            if !ok { return }
        }
    }

    @Test(arguments: Case.elementwise)
    func doubleDerivativeMatchesFiniteDifferences(_ c: Case) {
        let f = c.function
        for x in Inputs.awayFromKinks(Inputs.grid + Inputs.random + [-30, 30], f) {
            let fd = centralDifference(f.value, at: x)
            let ok = close(f.derivative(x), fd, relative: 1e-6, absolute: 1e-7)
            #expect(ok, "\(c.testDescription): f'(\(x)) = \(f.derivative(x)), finite difference \(fd)")
            if !ok { return }
        }
    }

    @Test(arguments: Case.elementwise)
    func floatBackwardMatchesFiniteDifferences(_ c: Case) {
        let f = c.function
        let xsD = Inputs.awayFromKinks(Inputs.grid + Inputs.random + [-30, 30, 1e-7, -1e-7], f)
        let xs = xsD.map { Float($0) }
        var g = SystemRandomNumberGeneratorStandIn(seed: 3)
        let dy = xs.map { _ in Float(g.normal()) }
        let dx = Run.backward(f, xs, dy, rows: 1, columns: xs.count)
        for i in xs.indices {
            let want = Double(dy[i]) * centralDifference(f.value, at: Double(xs[i]))
            let ok = close(Double(dx[i]), want, relative: 2e-5, absolute: 2e-6 * abs(Double(dy[i])))
            #expect(ok, "\(c.testDescription): dx at \(xs[i]) = \(dx[i]), dy * finite difference = \(want)")
            if !ok { return }
        }
    }

    @Test(arguments: Case.elementwise)
    func largeBlocksTakeTheParallelPathAndAgree(_ c: Case) {
        let f = c.function
        let n = 300_001  // beyond the parallel threshold, and not a multiple of the chunk size
        let xs = (0..<n).map { Float(-15 + 30 * Double($0) / Double(n)) }
        let y = Run.forward(f, xs, rows: 1, columns: n)
        let slice = Run.forward(f, Array(xs[250_000..<n]), rows: 1, columns: n - 250_000)
        #expect(Array(y[250_000..<n]) == slice)
    }

    @Test func learnableParameterGradientsMatchFiniteDifferences() {
        for alpha in [0.0, 0.25, -0.5] {
            let f = PReLUActivation(alpha: Float(alpha))
            for x in Inputs.grid {
                let fd = (PReLUActivation(alpha: Float(alpha) + 1e-3).value(x) - PReLUActivation(alpha: Float(alpha) - 1e-3).value(x)) / 2e-3
                #expect(close(f.alphaDerivative(x), fd, relative: 1e-3, absolute: 1e-5))
            }
        }
        for beta in [0.5, 1.0, 2.0] {
            let f = SiLU(beta: Float(beta))
            for x in Inputs.grid {
                let h = 1e-4
                let fd = (SiLU(beta: Float(beta + h)).value(x) - SiLU(beta: Float(beta - h)).value(x)) / (Double(Float(beta + h)) - Double(Float(beta - h)))
                #expect(close(f.betaDerivative(x), fd, relative: 1e-3, absolute: 1e-5), "beta \(beta), x \(x)")
            }
        }
    }
}
