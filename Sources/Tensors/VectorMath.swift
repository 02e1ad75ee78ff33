/// Vectorisable elementary functions on Float: no libm calls, so loops over them auto-vectorise.
///
/// `exp` uses Cody-Waite range reduction x = n ln2 + r and a degree-6 polynomial for e^r
/// (Cephes coefficients). The ulp bounds stated on each function are the ones the tests check.
public enum VectorMath {
    @inline(__always) @inlinable
    public static func exp(_ x: Float) -> Float {
        // Above 100 the core's two scale factors overflow to inf, and NaN fails every compare and
        // stays NaN through the arithmetic, so only underflow needs a select. It is a select rather
        // than a clamp at -104.5 because a clamped lane would compute its 0 through subnormal
        // products, and a vector with one such lane runs ~3x slower (saturated sigmoids, masked
        // softmax entries).
        let under = x < -104.5
        let y = expCore(under ? 0 : (x > 100 ? 100 : x))
        return under ? 0 : y
    }

    /// e^x for x <= 0 (or NaN): the same bits as `exp`, cheaper. sigmoid, softplus, GELU and
    /// max-subtracted softmax only ever exponentiate non-positive numbers.
    ///
    /// With n <= 0, 2^(n + 64) is a normal number for every n down to -151, so the scaling is one
    /// integer add into the exponent field of e^r and one exact multiply by 2^-64 (which also
    /// rounds subnormal results correctly), where `exp` needs two factors built by eight integer
    /// operations. The magic constant 1.5 * 2^23 + 64 leaves n + 64 in the low bits of t.
    @inline(__always) @inlinable
    public static func expNonPositive(_ x: Float) -> Float {
        let inRange = x >= -104.5
        let xc = inRange ? x : 0
        let magic: Float = 12_582_976
        let t = mulAdd(xc, 1.442_695_04, magic)
        let er = expReduced(xc, t - magic)
        let y = Float(bitPattern: er.bitPattern &+ (t.bitPattern << 23)) * 0x1p-64
        // Underflow gives 0 and NaN stays NaN (as an integer sum, a NaN's payload could turn into
        // a number).
        return inRange ? y : (x < -104.5 ? 0 : x)
    }

    /// a * b + c, with one rounding when built with `-D ACTLAB_FMA` (the release scripts pass it
    /// together with `-target-cpu native`). Without a target CPU that has FMA, the fused form
    /// compiles to a libm call per lane, so the portable build keeps the two roundings.
    @inline(__always) @inlinable
    public static func mulAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
        #if ACTLAB_FMA
        c.addingProduct(a, b)
        #else
        a * b + c
        #endif
    }

    /// e^x for x in [-104.5, 100] or NaN (results below 2^-126 are subnormal, and slow).
    @inline(__always) @inlinable
    static func expCore(_ xc: Float) -> Float {
        // Rounding by the 1.5 * 2^23 magic number avoids a generic `rounded()` call.
        let magic: Float = 12_582_912
        let t = mulAdd(xc, 1.442_695_04, magic)
        let er = expReduced(xc, t - magic)
        // 2^n as two factors, so n from -151 to 144 neither overflows nor flushes early.
        let ni = Int32(bitPattern: t.bitPattern & 0x7F_FFFF) &- 0x40_0000
        let half = ni >> 1
        let s1 = Float(bitPattern: UInt32(bitPattern: (half &+ 127) << 23))
        let s2 = Float(bitPattern: UInt32(bitPattern: (ni &- half &+ 127) << 23))
        return er * s1 * s2
    }

    /// e^r for r = x - n ln2 (|r| <= ln2 / 2), n an integer-valued Float: Cody-Waite reduction in
    /// two parts and the degree-6 Cephes polynomial.
    @inline(__always) @inlinable
    static func expReduced(_ x: Float, _ n: Float) -> Float {
        var r = mulAdd(n, -0.693_359_375, x)
        r = mulAdd(n, 2.121_944_4e-4, r)
        var p: Float = 1.987_569_1e-4
        p = mulAdd(p, r, 1.398_199_9e-3)
        p = mulAdd(p, r, 8.333_452e-3)
        p = mulAdd(p, r, 4.166_579_6e-2)
        p = mulAdd(p, r, 1.666_666_5e-1)
        p = mulAdd(p, r, 5.000_000_1e-1)
        return mulAdd(p, r * r, r) + 1
    }

    /// Logistic sigmoid 1 / (1 + e^-x), stable for every x (e^-|x| never overflows).
    @inline(__always) @inlinable
    public static func sigmoid(_ x: Float) -> Float {
        let e = expNonPositive(-abs(x))
        let s = 1 / (1 + e)
        return x >= 0 ? s : e * s
    }

    /// tanh: the Cephes odd polynomial below 0.625, else (1 - e^{-2|x|}) / (1 + e^{-2|x|}), which
    /// never overflows. Tested within 2 ulp of Double over the Float range.
    @inline(__always) @inlinable
    public static func tanh(_ x: Float) -> Float {
        let a = x < 0 ? -x : x
        let s = a * a
        var p: Float = -5.704_988_7e-3
        p = mulAdd(p, s, 2.063_908_9e-2)
        p = mulAdd(p, s, -5.373_971_6e-2)
        p = mulAdd(p, s, 1.333_144_2e-1)
        p = mulAdd(p, s, -3.333_328_2e-1)
        let small = mulAdd(p * s, a, a)
        // (1 - e^-2a) / (1 + e^-2a): the exponent is never positive, so the cheaper exp applies.
        // Above 0.625, e^-2a < 0.29 and neither sum cancels. NaN stays NaN through both forms.
        let e = expNonPositive(-2 * a)
        let large = (1 - e) / (1 + e)
        let t = a < 0.625 ? small : large
        return x < 0 ? -t : t
    }
}
