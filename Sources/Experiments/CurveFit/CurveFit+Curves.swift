import Activations

extension CurveFit {
    /// What a trained network draws: its fit, each hidden unit's weighted output (the pieces
    /// that sum, with the output bias, to the fit) and how many hidden units are dead.
    public struct Curves: Sendable {
        public var fit: [Double]
        /// Per hidden output column, w_j * h_j(x).
        public var units: [[Double]]
        public var outputBias: Double
        public var deadUnits: Int?
    }

    /// Evaluates `run`'s network at `xs` in Float, as the layers compute it.
    public static func curves(of run: Run, activation: any ActivationFunction, at xs: [Double]) -> Curves {
        let units = run.hiddenBias.count, rows = xs.count
        let width = activation.outputColumns(forInputColumns: units)
        var z = [Float](repeating: 0, count: rows * units)
        for r in 0..<rows {
            for j in 0..<units { z[r * units + j] = Float(xs[r]) * run.hiddenKernel[j] + run.hiddenBias[j] }
        }
        var h = [Float](repeating: 0, count: rows * width)
        z.withUnsafeBufferPointer { zp in
            h.withUnsafeMutableBufferPointer { activation.forward(zp.baseAddress!, $0.baseAddress!, rows: rows, columns: units) }
        }
        let b = run.outputBias[0]
        var fit = [Double](repeating: 0, count: rows)
        var pieces = [[Double]](repeating: [Double](repeating: 0, count: rows), count: width)
        for r in 0..<rows {
            var s: Float = 0
            for j in 0..<width {
                let piece = h[r * width + j] * run.outputKernel[j]
                s += piece
                pieces[j][r] = Double(piece)
            }
            fit[r] = Double(s + b)
        }
        return Curves(fit: fit, units: pieces, outputBias: Double(b),
                      deadUnits: activation.isElementwise ? deadUnits(preActivations: z, outputs: h, units: units, activation: activation) : nil)
    }

    /// Hidden units whose activation passes no gradient at any of the rows: the derivative
    /// (the backward pass with dy = 1) is exactly zero on every input, so no step can change
    /// the unit's weights again. For relu that is a unit whose output is zero everywhere.
    public static func deadUnits(preActivations z: [Float], outputs h: [Float], units: Int,
                                 activation: any ActivationFunction) -> Int {
        let rows = z.count / units
        guard rows > 0 else { return 0 }
        let ones = [Float](repeating: 1, count: z.count)
        var slope = [Float](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { zp in
            h.withUnsafeBufferPointer { hp in
                ones.withUnsafeBufferPointer { op in
                    slope.withUnsafeMutableBufferPointer {
                        activation.backward(x: zp.baseAddress!, y: hp.baseAddress!, dy: op.baseAddress!, dx: $0.baseAddress!, rows: rows, columns: units)
                    }
                }
            }
        }
        return (0..<units).filter { j in (0..<rows).allSatisfy { slope[$0 * units + j] == 0 } }.count
    }

    /// Per activation, in the order given, the distribution of final MSEs and the counts.
    static func summaries(_ runs: [Run], names: [String], threshold: Double) -> [Summary] {
        names.compactMap { name in
            let mine = runs.filter { $0.activation == name }
            guard !mine.isEmpty else { return nil }
            let mse = mine.map(\.finalMSE)
            let dead = mine.allSatisfy { $0.deadUnits != nil } ? mine.filter { ($0.deadUnits ?? 0) > 0 }.count : nil
            // Statistics' quartiles: linear between order statistics (NumPy's default), as the article's.
            let s = Statistics.summary(mse)
            return Summary(activation: name, runs: mine.count, medianMSE: s.median,
                           lowerQuartileMSE: s.lowerQuartile, upperQuartileMSE: s.upperQuartile,
                           minimumMSE: s.min, maximumMSE: s.max, runsWithDeadUnit: dead,
                           runsBelowThreshold: mse.filter { $0 < threshold }.count)
        }
    }
}
