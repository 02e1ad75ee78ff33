import Foundation

/// Double-precision convolution, pooling and batch normalisation written from their
/// definitions, one output value at a time, for the spatial layers' tests.
enum SpatialReference {
    /// Output size and padding before, by TensorFlow's rules for `valid` and `same`.
    static func axis(_ size: Int, kernel: Int, stride: Int, dilation: Int = 1, same: Bool) -> (out: Int, pad: Int) {
        let span = (kernel - 1) * dilation + 1
        if !same { return ((size - span) / stride + 1, 0) }
        let out = (size + stride - 1) / stride
        return (out, max((out - 1) * stride + span - size, 0) / 2)
    }

    struct Shape {
        var n, h, w, c: Int
        var kh, kw, sh, sw, dh, dw: Int
        var same: Bool
        var oh: Int { axis(h, kernel: kh, stride: sh, dilation: dh, same: same).out }
        var ow: Int { axis(w, kernel: kw, stride: sw, dilation: dw, same: same).out }
        var padTop: Int { axis(h, kernel: kh, stride: sh, dilation: dh, same: same).pad }
        var padLeft: Int { axis(w, kernel: kw, stride: sw, dilation: dw, same: same).pad }

        /// Input pixels (iy, ix) under window (oy, ox), tap (ky, kx), or nil in the padding.
        func tap(_ oy: Int, _ ox: Int, _ ky: Int, _ kx: Int) -> (Int, Int)? {
            let iy = oy * sh - padTop + ky * dh, ix = ox * sw - padLeft + kx * dw
            return (0..<h).contains(iy) && (0..<w).contains(ix) ? (iy, ix) : nil
        }
    }

    /// NHWC convolution: x [n, h, w, c], k [kh, kw, c, f], b [f] -> [n, oh, ow, f].
    static func conv(_ x: [Double], _ k: [Double], _ b: [Double], _ s: Shape, filters f: Int) -> [Double] {
        var y = [Double]()
        for i in 0..<s.n { for oy in 0..<s.oh { for ox in 0..<s.ow { for o in 0..<f {
            var v = b.isEmpty ? 0 : b[o]
            for ky in 0..<s.kh { for kx in 0..<s.kw {
                guard let (iy, ix) = s.tap(oy, ox, ky, kx) else { continue }
                for ch in 0..<s.c { v += x[((i * s.h + iy) * s.w + ix) * s.c + ch] * k[((ky * s.kw + kx) * s.c + ch) * f + o] }
            } }
            y.append(v)
        } } } }
        return y
    }

    /// Max or mean over each window's in-image pixels, per channel.
    static func pool(_ x: [Double], _ s: Shape, maximum: Bool) -> [Double] {
        var y = [Double]()
        for i in 0..<s.n { for oy in 0..<s.oh { for ox in 0..<s.ow { for ch in 0..<s.c {
            var values = [Double]()
            for ky in 0..<s.kh { for kx in 0..<s.kw {
                if let (iy, ix) = s.tap(oy, ox, ky, kx) { values.append(x[((i * s.h + iy) * s.w + ix) * s.c + ch]) }
            } }
            y.append(maximum ? values.max()! : values.reduce(0, +) / Double(values.count))
        } } } }
        return y
    }

    /// Batch normalisation over the last axis with the batch's own (biased) statistics.
    static func batchNorm(_ x: [Double], channels c: Int, gamma: [Double], beta: [Double], epsilon: Double) -> [Double] {
        let rows = x.count / c
        var y = x
        for j in 0..<c {
            let column = (0..<rows).map { x[$0 * c + j] }
            let mean = column.reduce(0, +) / Double(rows)
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rows)
            for r in 0..<rows { y[r * c + j] = gamma[j] * (x[r * c + j] - mean) / (variance + epsilon).squareRoot() + beta[j] }
        }
        return y
    }
}
