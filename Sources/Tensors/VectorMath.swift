/// Vectorisable elementary functions on Float: no libm calls, so loops over them auto-vectorise.
///
/// `exp` uses Cody-Waite range reduction x = n ln2 + r and a degree-6 polynomial for e^r
/// (Cephes coefficients). The ulp bounds stated on each function are the ones the tests check.
public enum VectorMath {
    @inline(__always) @inlinable
    public static func exp(_ x: Float) -> Float {
        // Clamp to where e^x is representable (denormals included); outside it saturates to 0 / +inf.
        var y = expCore(x < -103.97 ? -103.97 : (x > 88.72283 ? 88.72283 : x))
        y = x > 88.72283 ? .infinity : y
        y = x < -103.97 ? 0 : y
        return x.isNaN ? x : y
    }

    /// e^x for x <= 0 (or NaN): `exp` without its overflow and NaN selects, the same bits.
    /// sigmoid, softplus and max-subtracted softmax only ever exponentiate non-positive numbers,
    /// and dropping three compare-and-blends per vector is ~10% of exp. NaN comes out NaN
    /// through the arithmetic.
    @inline(__always) @inlinable
    public static func expNonPositive(_ x: Float) -> Float {
        let y = expCore(x < -103.97 ? -103.97 : x)
        return x < -103.97 ? 0 : y
    }

    /// e^x for x already clamped to [-103.97, 88.72283].
    @inline(__always) @inlinable
    static func expCore(_ xc: Float) -> Float {
        // Rounding by the 1.5 * 2^23 magic number avoids a generic `rounded()` call.
        let magic: Float = 12_582_912
        let t = xc * 1.442_695_04 + magic
        let n = t - magic
        var r = xc - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p: Float = 1.987_569_1e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_5e-1
        p = p * r + 5.000_000_1e-1
        let er = p * (r * r) + r + 1
        // 2^n as two normal factors, so n from -150 to 128 neither overflows nor flushes early.
        let ni = Int32(bitPattern: t.bitPattern & 0x7F_FFFF) &- 0x40_0000
        let half = ni >> 1
        let s1 = Float(bitPattern: UInt32(bitPattern: (half &+ 127) << 23))
        let s2 = Float(bitPattern: UInt32(bitPattern: (ni &- half &+ 127) << 23))
        return er * s1 * s2
    }

    /// Logistic sigmoid 1 / (1 + e^-x), stable for every x (e^-|x| never overflows).
    @inline(__always) @inlinable
    public static func sigmoid(_ x: Float) -> Float {
        let e = expNonPositive(-abs(x))
        let s = 1 / (1 + e)
        return x >= 0 ? s : e * s
    }

    /// tanh: the Cephes odd polynomial below 0.625, else 1 - 2 / (e^{2|x|} + 1), which never
    /// overflows (e^{2|x|} = inf gives 1). Tested within 2 ulp of Double over the Float range.
    @inline(__always) @inlinable
    public static func tanh(_ x: Float) -> Float {
        let a = x < 0 ? -x : x
        let s = a * a
        var p: Float = -5.704_988_7e-3
        p = p * s + 2.063_908_9e-2
        p = p * s - 5.373_971_6e-2
        p = p * s + 1.333_144_2e-1
        p = p * s - 3.333_328_2e-1
        let small = p * s * a + a
        let large = 1 - 2 / (exp(2 * a) + 1)
        let t = a < 0.625 ? small : large
        return x.isNaN ? x : (x < 0 ? -t : t)
    }
}
