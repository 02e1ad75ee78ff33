extension VectorMath {
    /// e^x - 1 without cancellation near 0: a degree-11 Taylor polynomial for |x| < ln2, else
    /// 2^n (e^r - 1) + (2^n - 1) with |r| <= ln2 / 2 (both terms then share a sign).
    @inline(__always) @inlinable
    public static func expm1(_ x: Float) -> Float {
        let xc = x < -18 ? -18 : (x > 20 ? 20 : x)
        let magic: Float = 12_582_912
        let t = mulAdd(xc, 1.442_695_04, magic)
        let near = xc < 0.693_147_18 && xc > -0.693_147_18
        let n = near ? 0 : t - magic
        let p = expm1Reduced(xc, n)
        let ni = near ? 0 : Int32(bitPattern: t.bitPattern & 0x7F_FFFF) &- 0x40_0000
        let s = Float(bitPattern: UInt32(bitPattern: (ni &+ 127) << 23))
        var y = mulAdd(s, p, s - 1)
        y = x > 20 ? exp(x) : y
        return x.isNaN ? x : y
    }

    /// e^x - 1 for x <= 0 (or NaN), the same bits as `expm1` with less work: no upper clamp or
    /// overflow branch, and 2^n straight from the bits of t (the magic constant 1.5 * 2^23 + 128
    /// leaves n + 128 in its low bits; an even offset rounds ties as `expm1` does). The ELU family
    /// only needs the negative side.
    @inline(__always) @inlinable
    public static func expm1NonPositive(_ x: Float) -> Float {
        let xc = x < -18 ? -18 : x
        let magic: Float = 12_583_040
        let t = mulAdd(xc, 1.442_695_04, magic)
        let near = xc > -0.693_147_18
        let n = near ? 0 : t - magic
        let p = expm1Reduced(xc, n)
        // n + 128 in the low bits, shifted into the exponent field: the bits of 2^(n + 1).
        let s = near ? 1 : Float(bitPattern: (t.bitPattern << 23) &- 0x80_0000)
        return mulAdd(s, p, s - 1)
    }

    /// e^r - 1 for r = x - n ln2 (n = 0 when |x| < ln2, so |r| < ln2): the Cody-Waite reduction
    /// and the degree-11 Taylor polynomial that expm1 and its non-positive form share.
    @inline(__always) @inlinable
    static func expm1Reduced(_ x: Float, _ n: Float) -> Float {
        let r = mulAdd(n, 2.121_944_4e-4, mulAdd(n, -0.693_359_375, x))
        var p: Float = 1 / 39_916_800
        p = mulAdd(p, r, 1 / 3_628_800)
        p = mulAdd(p, r, 1 / 362_880)
        p = mulAdd(p, r, 1 / 40_320)
        p = mulAdd(p, r, 1 / 5_040)
        p = mulAdd(p, r, 1 / 720)
        p = mulAdd(p, r, 1 / 120)
        p = mulAdd(p, r, 1 / 24)
        p = mulAdd(p, r, 1 / 6)
        p = mulAdd(p, r, 0.5)
        return mulAdd(p, r * r, r)
    }
}
