extension RowWise {
    // Float reductions do not auto-vectorise (reordering a sum changes its rounding), so these
    // keep sixteen partial results in a SIMD register and combine them at the end.

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    static func maximum(_ x: UnsafePointer<Float>, _ n: Int, sign: Float = 1) -> Float {
        var acc = SIMD16<Float>(repeating: -.infinity)
        var j = 0
        // A compare-and-blend: pointwiseMax's IEEE NaN and signed-zero rules compile to scalar code.
        // NaN entries are skipped here; they still turn their own outputs into NaN downstream.
        while j + 16 <= n {
            let v = sign * load(x + j)
            acc = acc.replacing(with: v, where: v .> acc)
            j += 16
        }
        var m = -Float.infinity
        for l in 0..<16 { m = acc[l] > m ? acc[l] : m }  // SIMD's max() is an out-of-line generic call
        while j < n { let v = sign * x[j]; m = v > m ? v : m; j += 1 }
        return m
    }

    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD16<Float>()
        var j = 0
        while j + 16 <= n { acc += load(x + j); j += 16 }
        var s: Float = 0
        for l in 0..<16 { s += acc[l] }
        while j < n { s += x[j]; j += 1 }
        return s
    }

    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD16<Float>()
        var j = 0
        while j + 16 <= n { acc += load(a + j) * load(b + j); j += 16 }
        var s: Float = 0
        for l in 0..<16 { s += acc[l] }
        while j < n { s += a[j] * b[j]; j += 1 }
        return s
    }

    /// The sum of values[j] over the j with keys[j] > t, and how many there are (sparsemax's
    /// support sums; values and keys may be the same array).
    static func sumWhere(_ values: UnsafePointer<Float>, keys: UnsafePointer<Float>, above t: Float, _ n: Int) -> (sum: Float, count: Float) {
        var sum = SIMD16<Float>(), count = SIMD16<Float>()
        let threshold = SIMD16<Float>(repeating: t)
        var j = 0
        while j + 16 <= n {
            let keep = load(keys + j) .> threshold
            sum += SIMD16<Float>().replacing(with: load(values + j), where: keep)
            count += SIMD16<Float>().replacing(with: 1, where: keep)
            j += 16
        }
        var s: Float = 0, c: Float = 0
        for l in 0..<16 { s += sum[l]; c += count[l] }
        while j < n { if keys[j] > t { s += values[j]; c += 1 }; j += 1 }
        return (s, c)
    }
}
