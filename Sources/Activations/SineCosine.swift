import Foundation

/// sin and cos of a Double phase for the periodic activations (sine, snake), without a libm call
/// per element: the phase is reduced by multiples of pi/2 (pi/2 split in three parts, so the
/// reduction stays exact to ~1e-16 for |t| < 1e8) and both are Taylor polynomials on
/// [-pi/4, pi/4] (truncation under 1e-11). Larger phases fall back to libm.
enum SineCosine {
    @inline(__always) static func of(_ t: Double) -> (sin: Double, cos: Double) {
        guard abs(t) < 1e8 else { return (Foundation.sin(t), Foundation.cos(t)) }
        let k = (t * 0.636_619_772_367_581_4).rounded()
        // pi/2 = p1 + p2 + p3, p1 and p2 with short mantissas so k * p1 and k * p2 are exact.
        let r = ((t - k * 1.570_796_326_734_125_6) - k * 6.077_100_506_303_966e-11) - k * 2.022_266_248_795_950_6e-21
        let r2 = r * r
        let s = r * (1 + r2 * (-1.0 / 6 + r2 * (1.0 / 120 + r2 * (-1.0 / 5040 + r2 * (1.0 / 362_880 + r2 * (-1.0 / 39_916_800))))))
        let c = 1 + r2 * (-0.5 + r2 * (1.0 / 24 + r2 * (-1.0 / 720 + r2 * (1.0 / 40320 + r2 * (-1.0 / 3_628_800 + r2 * (1.0 / 479_001_600))))))
        switch Int(k) & 3 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
    }
}
