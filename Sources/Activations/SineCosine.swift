import Foundation

/// sin and cos of a Double phase for the periodic activations (sine, snake), without a libm call
/// per element: the phase is reduced by multiples of pi/2 (pi/2 split in three parts, so the
/// reduction stays exact to ~1e-16 for |t| < 1e8) and both are Taylor polynomials on
/// [-pi/4, pi/4] (truncation under 1e-11). Larger phases fall back to libm.
enum SineCosine {
    @inline(__always) static func of(_ t: Double) -> (sin: Double, cos: Double) {
        guard abs(t) < 1e8 else { return (Foundation.sin(t), Foundation.cos(t)) }
        // Round to nearest by the 1.5 * 2^52 trick: `rounded()` is a library call per element.
        let shifted = t * 0.636_619_772_367_581_4 + 6_755_399_441_055_744.0
        let k = shifted - 6_755_399_441_055_744.0
        let quadrant = Int(truncatingIfNeeded: shifted.bitPattern) & 3
        // pi/2 = p1 + p2 + p3, p1 and p2 with short mantissas so k * p1 and k * p2 are exact.
        let r = ((t - k * 1.570_796_326_734_125_6) - k * 6.077_100_506_303_966e-11) - k * 2.022_266_248_795_950_6e-21
        let r2 = r * r
        let s = r * (1 + r2 * (-1.0 / 6 + r2 * (1.0 / 120 + r2 * (-1.0 / 5040 + r2 * (1.0 / 362_880 + r2 * (-1.0 / 39_916_800))))))
        let c = 1 + r2 * (-0.5 + r2 * (1.0 / 24 + r2 * (-1.0 / 720 + r2 * (1.0 / 40320 + r2 * (-1.0 / 3_628_800 + r2 * (1.0 / 479_001_600))))))
        // Quadrant q: (sin, cos) = (s, c), (c, -s), (-s, -c), (-c, s). Blended arithmetically:
        // the quadrant of random inputs is random, and a branch on it mispredicts half the time.
        let odd = Double(quadrant & 1), even = 1 - odd
        let sinSign = 1 - 2 * Double((quadrant >> 1) & 1), cosSign = 1 - 2 * Double(((quadrant + 1) >> 1) & 1)
        return ((even * s + odd * c) * sinSign, (even * c + odd * s) * cosSign)
    }
}
