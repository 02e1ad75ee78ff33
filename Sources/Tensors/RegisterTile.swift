/// A block of C held in registers while it sums over a span of the inner dimension: up to 14
/// rows of up to 4 vectors of 16 columns, each step one row of B loaded once and every row's
/// element of A broadcast against it. `BLAS.unpackedGemm` tiles C with these.
///
/// Rows and vectors are constants at every call site, so the rows and vectors a tile does not
/// use compile away and the rest stay in registers (AVX-512 has 32; the tiles `sweep` uses take
/// at most 24 accumulators, the row of B and a broadcast).
enum RegisterTile {
    /// The operands of one pass: A's rows are `rowStride` apart and the elements of a row
    /// `depthStride` apart (so a transposed A is the same loop), B and C are row-major.
    struct Operands {
        var a: UnsafePointer<Float>, rowStride: Int, depthStride: Int
        var b: UnsafePointer<Float>, ldb: Int
        var c: UnsafeMutablePointer<Float>, ldc: Int
        /// The span of the inner dimension summed by one pass over C.
        var depth: Int
        /// Whether C already holds the sum over earlier spans (else whatever it held is overwritten).
        var accumulate: Bool
    }

    /// Up to 4 vectors of one row, in registers.
    struct Row {
        var v0 = SIMD16<Float>(), v1 = SIMD16<Float>(), v2 = SIMD16<Float>(), v3 = SIMD16<Float>()

        @inline(__always) init() {}

        @inline(__always) init(loading p: UnsafePointer<Float>, vectors: Int) {
            v0 = load(p)
            if vectors > 1 { v1 = load(p + 16) }
            if vectors > 2 { v2 = load(p + 32); v3 = load(p + 48) }
        }

        @inline(__always) mutating func add(_ x: Float, times b: Row, vectors: Int) {
            let s = SIMD16<Float>(repeating: x)
            v0 = mulAdd(s, b.v0, v0)
            if vectors > 1 { v1 = mulAdd(s, b.v1, v1) }
            if vectors > 2 { v2 = mulAdd(s, b.v2, v2); v3 = mulAdd(s, b.v3, v3) }
        }

        @inline(__always) func store(to p: UnsafeMutablePointer<Float>, vectors: Int, accumulate: Bool) {
            @inline(__always) func put(_ v: SIMD16<Float>, _ q: UnsafeMutablePointer<Float>) {
                UnsafeMutableRawPointer(q).storeBytes(of: accumulate ? v + load(q) : v, as: SIMD16<Float>.self)
            }
            put(v0, p)
            if vectors > 1 { put(v1, p + 16) }
            if vectors > 2 { put(v2, p + 32); put(v3, p + 48) }
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// s * b + c, fused where the build targets a CPU with FMA (see `VectorMath.mulAdd`).
    @inline(__always) static func mulAdd(_ s: SIMD16<Float>, _ b: SIMD16<Float>, _ c: SIMD16<Float>) -> SIMD16<Float> {
        #if ACTLAB_FMA
        c.addingProduct(s, b)
        #else
        s * b + c
        #endif
    }

    /// C[i0 ..< i0 + rows, j0 ..< j0 + 16 * vectors] = (+=) A[those rows, span] · B[span, those columns].
    @inline(__always)
    static func multiply(rows: Int, vectors: Int, _ o: Operands, row i0: Int, column j0: Int) {
        let s = o.rowStride
        var a = o.a + i0 &* s, b = o.b + j0
        var c0 = Row(), c1 = Row(), c2 = Row(), c3 = Row(), c4 = Row(), c5 = Row(), c6 = Row()
        var c7 = Row(), c8 = Row(), c9 = Row(), c10 = Row(), c11 = Row(), c12 = Row(), c13 = Row()
        for _ in 0..<o.depth {
            let r = Row(loading: b, vectors: vectors)
            c0.add(a[0], times: r, vectors: vectors)
            if rows > 1 { c1.add(a[s], times: r, vectors: vectors) }
            if rows > 2 { c2.add(a[2 &* s], times: r, vectors: vectors) }
            if rows > 3 { c3.add(a[3 &* s], times: r, vectors: vectors) }
            if rows > 4 { c4.add(a[4 &* s], times: r, vectors: vectors) }
            if rows > 5 { c5.add(a[5 &* s], times: r, vectors: vectors) }
            if rows > 6 { c6.add(a[6 &* s], times: r, vectors: vectors) }
            if rows > 7 { c7.add(a[7 &* s], times: r, vectors: vectors) }
            if rows > 8 { c8.add(a[8 &* s], times: r, vectors: vectors) }
            if rows > 9 { c9.add(a[9 &* s], times: r, vectors: vectors) }
            if rows > 10 { c10.add(a[10 &* s], times: r, vectors: vectors) }
            if rows > 11 { c11.add(a[11 &* s], times: r, vectors: vectors) }
            if rows > 12 { c12.add(a[12 &* s], times: r, vectors: vectors) }
            if rows > 13 { c13.add(a[13 &* s], times: r, vectors: vectors) }
            a += o.depthStride
            b += o.ldb
        }
        let c = o.c + i0 &* o.ldc + j0, ldc = o.ldc, acc = o.accumulate
        c0.store(to: c, vectors: vectors, accumulate: acc)
        if rows > 1 { c1.store(to: c + ldc, vectors: vectors, accumulate: acc) }
        if rows > 2 { c2.store(to: c + 2 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 3 { c3.store(to: c + 3 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 4 { c4.store(to: c + 4 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 5 { c5.store(to: c + 5 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 6 { c6.store(to: c + 6 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 7 { c7.store(to: c + 7 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 8 { c8.store(to: c + 8 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 9 { c9.store(to: c + 9 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 10 { c10.store(to: c + 10 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 11 { c11.store(to: c + 11 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 12 { c12.store(to: c + 12 &* ldc, vectors: vectors, accumulate: acc) }
        if rows > 13 { c13.store(to: c + 13 &* ldc, vectors: vectors, accumulate: acc) }
    }
}

extension RegisterTile {
    /// Rows per tile for bands of 4, 2 and 1 vectors. Measured on Zen 4 for the Winograd
    /// products (single thread, -target-cpu native): 6 x 4 ran at about 165 GFLOP/s where 8 x 4,
    /// whose 32 accumulators leave no register for B, ran at 55-130 and 7 x 4 at about 130;
    /// 12 x 2 and 14 x 2 both about 165.
    static let bandRows = (four: 6, two: 12, one: 12)

    /// C[rows, columns] = (+=) A · B over `o.depth`: the columns in bands of 64, 32 and 16, then
    /// the last few one element at a time; in each band a tile of rows takes every block of the
    /// band before moving down, so its rows of A are read from cache.
    static func sweep(_ o: Operands, rows m: Int, columns n: Int) {
        let wide = n / 64 * 64, middle = wide + (n - wide) / 32 * 32, narrow = middle + (n - middle) / 16 * 16
        band(o, rows: m, columns: 0..<wide, vectors: 4, tileRows: bandRows.four)
        band(o, rows: m, columns: wide..<middle, vectors: 2, tileRows: bandRows.two)
        band(o, rows: m, columns: middle..<narrow, vectors: 1, tileRows: bandRows.one)
        guard narrow < n else { return }
        for i in 0..<m {
            for j in narrow..<n {
                var s: Float = 0
                for p in 0..<o.depth { s += o.a[i * o.rowStride + p * o.depthStride] * o.b[p * o.ldb + j] }
                let out = o.c + i * o.ldc + j
                out.pointee = o.accumulate ? out.pointee + s : s
            }
        }
    }

    /// The rows in tiles of `tileRows`, the last few in tiles of 4, 2 and 1 (a one-row tile
    /// loads a row of B per multiply-add vector, and runs at about half the speed).
    static func band(_ o: Operands, rows m: Int, columns: Range<Int>, vectors: Int, tileRows: Int) {
        guard !columns.isEmpty else { return }
        var i = 0
        for rows in [tileRows, 4, 2, 1] {
            while i + rows <= m {
                for j in stride(from: columns.lowerBound, to: columns.upperBound, by: 16 * vectors) {
                    tile(o, rows: rows, vectors: vectors, row: i, column: j)
                }
                i += rows
            }
        }
    }

    /// One tile; each shape is its own function, so its accumulators are registers.
    static func tile(_ o: Operands, rows: Int, vectors: Int, row i: Int, column j: Int) {
        switch (rows, vectors) {
        case (6, 4): tile6x4(o, i, j)
        case (4, 4): tile4x4(o, i, j)
        case (2, 4): tile2x4(o, i, j)
        case (1, 4): tile1x4(o, i, j)
        case (12, 2): tile12x2(o, i, j)
        case (4, 2): tile4x2(o, i, j)
        case (2, 2): tile2x2(o, i, j)
        case (1, 2): tile1x2(o, i, j)
        case (12, 1): tile12x1(o, i, j)
        case (4, 1): tile4x1(o, i, j)
        case (2, 1): tile2x1(o, i, j)
        case (1, 1): tile1x1(o, i, j)
        default: preconditionFailure("no \(rows)x\(vectors) register tile")
        }
    }

    @inline(never) static func tile6x4(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 6, vectors: 4, o, row: i, column: j) }
    @inline(never) static func tile4x4(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 4, vectors: 4, o, row: i, column: j) }
    @inline(never) static func tile2x4(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 2, vectors: 4, o, row: i, column: j) }
    @inline(never) static func tile1x4(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 1, vectors: 4, o, row: i, column: j) }
    @inline(never) static func tile12x2(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 12, vectors: 2, o, row: i, column: j) }
    @inline(never) static func tile4x2(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 4, vectors: 2, o, row: i, column: j) }
    @inline(never) static func tile2x2(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 2, vectors: 2, o, row: i, column: j) }
    @inline(never) static func tile1x2(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 1, vectors: 2, o, row: i, column: j) }
    @inline(never) static func tile12x1(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 12, vectors: 1, o, row: i, column: j) }
    @inline(never) static func tile4x1(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 4, vectors: 1, o, row: i, column: j) }
    @inline(never) static func tile2x1(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 2, vectors: 1, o, row: i, column: j) }
    @inline(never) static func tile1x1(_ o: Operands, _ i: Int, _ j: Int) { multiply(rows: 1, vectors: 1, o, row: i, column: j) }
}
