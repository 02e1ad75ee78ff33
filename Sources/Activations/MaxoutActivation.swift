import Tensors

/// Maxout over groups of k consecutive columns: f(x)_j = max_{i < k} x_{jk + i} (columns / k
/// outputs); the gradient flows to the first maximum of each group. The `Maxout` layer puts
/// k times the units in front of it. Scalar slice: the pair [x, 0], which gives max(x, 0).
public struct MaxoutActivation: RegisteredActivation {
    public static let id = "maxout"
    public static let parameterSpecs = [ParameterSpec("pieces", default: 2, "linear pieces k per unit", lower: 1, upper: 1024, integral: true)]
    public static let pytorchDifference: String? = "not in torch.nn or Keras 3 core (tf-addons Maxout)"
    public let pieces: Int

    public init(pieces: Int = 2) {
        self.pieces = Int(Self.checked("pieces", Double(pieces)))
    }

    public init(parameters p: [String: Double]) throws {
        self.init(pieces: Int(try Self.required("pieces", in: p)))
    }

    public var parameters: [String: Double] { ["pieces": Double(pieces)] }
    public var isElementwise: Bool { false }

    public func validateColumns(_ columns: Int) throws {
        guard columns % pieces == 0 else {
            throw ColumnCountError("maxout with \(pieces) pieces needs input columns (units) divisible by \(pieces), got \(columns)")
        }
    }

    public func outputColumns(forInputColumns columns: Int) -> Int {
        precondition(columns % pieces == 0, "maxout: \(columns) columns do not split into groups of \(pieces)")
        return columns / pieces
    }

    // Groups are shared between the cores; pairs (the default) get their own loop, which the
    // compiler vectorises, where the general loop over pieces stays scalar.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y) = (x, y)
        let k = pieces
        Parallel.forEachChunk(rows * outputColumns(forInputColumns: columns)) { range in
            if k == 2 {
                for g in range {
                    // Selects, not ||: a short-circuit becomes a branch and the loop stays scalar.
                    let a = x[2 * g], b = x[2 * g + 1]
                    let m = b > a ? b : a
                    y[g] = b.isNaN ? b : m
                }
                return
            }
            for g in range {
                let xi = x + g * k
                var m = xi[0]
                for i in 1..<max(k, 1) where xi[i] > m || xi[i].isNaN { m = xi[i] }
                y[g] = m
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                         dx: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        nonisolated(unsafe) let (x, y, dy, dx) = (x, y, dy, dx)
        let k = pieces
        Parallel.forEachChunk(rows * outputColumns(forInputColumns: columns)) { range in
            if k == 2 {
                // The first piece wins ties; m is NaN exactly when a piece is, and a NaN first piece
                // is the one forward took. (This loop stays scalar: the compiler does not vectorise
                // its interleaved stores.)
                for g in range {
                    let m = y[g]
                    let first = x[2 * g] == m ? true : x[2 * g].isNaN
                    dx[2 * g] = first ? dy[g] : 0
                    dx[2 * g + 1] = first ? 0 : dy[g]
                }
                return
            }
            for g in range {
                let xi = x + g * k, dxi = dx + g * k
                var taken = false
                for i in 0..<k {
                    let winner = !taken && (xi[i] == y[g] || (xi[i].isNaN && y[g].isNaN))
                    dxi[i] = winner ? dy[g] : 0
                    taken = taken || winner
                }
            }
        }
    }

    public func value(_ x: Double) -> Double { x.isNaN ? x : max(x, 0) }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : 0 }

    public var formula: String { "max_i x_i over each group of k = pieces inputs" }
    public var reference: String { "Goodfellow, Warde-Farley, Mirza, Courville & Bengio, 2013 (Maxout Networks)" }
    public var kinks: [Double] { [0] }
    public var characterSheet: CharacterSheet {
        CharacterSheet(range: (0, .infinity), zeroCentred: false, monotonic: true, smooth: false,
                       saturating: false, usesExp: false, maxDerivative: 1)
    }
}
