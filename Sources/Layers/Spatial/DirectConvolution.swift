import Activations
import Tensors

/// Convolution over few input channels computed from its definition, with vectors of 16
/// output channels (contiguous in NHWC, and in a [kh, kw, inChannels, filters] kernel) in
/// registers. For an unfolded depth of a few dozen, im2col's copy and a matrix product whose
/// inner dimension is that thin cost several times the arithmetic (packing, clearing);
/// here each input value is read where it lies and multiplied into every filter at once.
/// Any stride, dilation and padding: the taps that fall outside the image are skipped.
enum DirectConvolution {
    typealias Vector = SIMD16<Float>

    /// z [n, outputHeight, outputWidth, filters] = conv(x, kernel) + bias, and y = f(z) for
    /// each output row while it is still in cache when `activation` is given; `y` has
    /// `outputColumns` columns per pixel (the activation's, for `filters` input columns).
    static func forward(_ x: UnsafePointer<Float>, samples n: Int, _ g: SpatialGeometry, filters: Int,
                        kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>?, into z: UnsafeMutablePointer<Float>,
                        activation: (any ActivationFunction)?, output y: UnsafeMutablePointer<Float>?, outputColumns: Int) {
        nonisolated(unsafe) let (x, kernel, bias, z, y) = (x, kernel, bias, z, y)
        let lines = n * g.outputHeight
        let parts = min(lines, 8 * Parallel.coreCount)
        Parallel.run(parts: parts) { p in
            for line in (lines * p / parts)..<(lines * (p + 1) / parts) {
                let s = line / g.outputHeight, oy = line % g.outputHeight
                let rows = taps(from: oy * g.strideHeight - g.padTop, g.kernelHeight, g.dilationHeight, within: g.inputHeight)
                let row = Line(image: x + s * g.inputPixels * g.channels, firstRow: oy * g.strideHeight - g.padTop,
                               rows: rows, kernel: kernel, bias: bias, filters: filters, g: g)
                let out = z + line * g.outputWidth * filters
                var ox = 0
                while ox < g.outputWidth {
                    let x0 = ox * g.strideWidth - g.padLeft
                    let columns = taps(from: x0, g.kernelWidth, g.dilationWidth, within: g.inputWidth)
                    // Four neighbours whose windows fit alike share every weight load.
                    let last = x0 + 3 * g.strideWidth
                    if ox + 4 <= g.outputWidth, filters >= 32,
                       taps(from: last, g.kernelWidth, g.dilationWidth, within: g.inputWidth) == columns {
                        row.four(at: x0, columns: columns, into: out + ox * filters)
                        ox += 4
                    } else {
                        row.one(at: x0, columns: columns, into: out + ox * filters)
                        ox += 1
                    }
                }
                if let activation, let y {
                    activation.forward(out, y + line * g.outputWidth * outputColumns, rows: g.outputWidth, columns: filters)
                }
            }
        }
    }

    /// Floats of work space `kernelGradient` needs: one kernel and bias gradient per part, and
    /// a row of dz for each when dz is not kept.
    static func partialsCount(_ g: SpatialGeometry, filters: Int) -> Int {
        gradientParts * sliceCount(g, filters: filters)
    }

    private static func sliceCount(_ g: SpatialGeometry, filters: Int) -> Int {
        (g.windowSize * g.channels + 1 + g.outputWidth) * filters
    }

    /// dK [kh, kw, inChannels, filters] = Σ x(tap) dz over every output pixel, and the bias
    /// gradient Σ dz when asked, both overwritten. Each part sums its share of the rows into
    /// its own slice of `partials`; the slices are added in a fixed order, so the result does
    /// not depend on which thread ran what.
    /// With `activation`, each row of dz is first made from that row of dL/dy, while the pass
    /// holds it in cache for the sums; stored in `dz` only with `keepingPreActivationGradient`
    /// (the input gradient needs it, a first layer does not).
    static func kernelGradient(_ x: UnsafePointer<Float>, _ dz: UnsafeMutablePointer<Float>, samples n: Int, _ g: SpatialGeometry,
                               filters f: Int, partials: UnsafeMutablePointer<Float>,
                               into dk: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?,
                               activation: ActivationStep? = nil, keepingPreActivationGradient: Bool = true) {
        nonisolated(unsafe) let (x, dz, partials, step) = (x, dz, partials, activation)
        let depth = g.windowSize * g.channels, slice = sliceCount(g, filters: f), c = g.channels
        let scratchRows = activation != nil && !keepingPreActivationGradient
        let lines = n * g.outputHeight, parts = gradientParts
        Parallel.run(parts: parts) { p in
            let sums = partials + p * slice
            sums.update(repeating: 0, count: slice)
            for line in (lines * p / parts)..<(lines * (p + 1) / parts) {
                let s = line / g.outputHeight, oy = line % g.outputHeight
                let image = x + s * g.inputPixels * c
                let d = scratchRows ? sums + (depth + 1) * f : dz + line * g.outputWidth * f
                if let step {
                    let at = line * g.outputWidth * step.outputColumns
                    step.activation.backward(x: step.z + line * g.outputWidth * f, y: step.y + at, dy: step.dy + at, dx: d,
                                             rows: g.outputWidth, columns: f)
                }
                let top = oy * g.strideHeight - g.padTop
                for ky in taps(from: top, g.kernelHeight, g.dilationHeight, within: g.inputHeight) {
                    let source = image + (top + ky * g.dilationHeight) * g.inputWidth * c
                    for kx in 0..<g.kernelWidth {
                        // The output columns whose tap kx lands inside the image.
                        let shift = kx * g.dilationWidth - g.padLeft
                        let first = shift >= 0 ? 0 : (-shift + g.strideWidth - 1) / g.strideWidth
                        let end = min(g.outputWidth, g.inputWidth - shift <= 0 ? 0 : (g.inputWidth - shift + g.strideWidth - 1) / g.strideWidth)
                        guard end > first else { continue }
                        let input = source + (first * g.strideWidth + shift) * c, step = g.strideWidth * c
                        for ch in 0..<c {
                            accumulate(input + ch, step: step, d + first * f, count: end - first, filters: f,
                                       into: sums + ((ky * g.kernelWidth + kx) * c + ch) * f)
                        }
                    }
                }
                addRows(d, count: g.outputWidth, filters: f, into: sums + depth * f)
            }
        }
        dk.update(from: partials, count: depth * f)
        if let biasGradient { biasGradient.update(from: partials + depth * f, count: f) }
        for p in 1..<parts {
            let sums = partials + p * slice
            for i in 0..<(depth * f) { dk[i] += sums[i] }
            if let biasGradient { for i in 0..<f { biasGradient[i] += sums[depth * f + i] } }
        }
    }

    /// dz = dy ∂f/∂z of a layer's activation, from its input z [pixels, filters], output y and
    /// dL/dy (both [pixels, outputColumns]).
    struct ActivationStep {
        var activation: any ActivationFunction
        var z: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>
        var outputColumns: Int
    }

    /// Parts of the kernel gradient: a few per core, so a preempted thread's share is taken by the other.
    static var gradientParts: Int { 4 * Parallel.coreCount }

    /// sums[:] += Σ_i v_i dz_i over `count` pixels, v_i = input[i * step].
    @inline(__always)
    private static func accumulate(_ input: UnsafePointer<Float>, step: Int, _ dz: UnsafePointer<Float>, count: Int,
                                   filters f: Int, into sums: UnsafeMutablePointer<Float>) {
        // Running pointers: index products in the loop cost overflow checks and registers.
        var b = 0
        while b + 32 <= f {
            // Four pixels at a time: eight independent sums hide the multiply-add latency.
            var a0 = Vector(), a1 = Vector(), a2 = Vector(), a3 = Vector()
            var a4 = Vector(), a5 = Vector(), a6 = Vector(), a7 = Vector()
            var x = input, p = dz + b, left = count
            while left >= 4 {
                let v0 = x[0], v1 = x[step], v2 = x[2 &* step], v3 = x[3 &* step]
                a0 = mulAdd(a0, v0, load(p)); a1 = mulAdd(a1, v0, load(p + 16))
                a2 = mulAdd(a2, v1, load(p + f)); a3 = mulAdd(a3, v1, load(p + f + 16))
                a4 = mulAdd(a4, v2, load(p + 2 &* f)); a5 = mulAdd(a5, v2, load(p + 2 &* f + 16))
                a6 = mulAdd(a6, v3, load(p + 3 &* f)); a7 = mulAdd(a7, v3, load(p + 3 &* f + 16))
                x += 4 &* step; p += 4 &* f; left &-= 4
            }
            while left > 0 {
                let v = x[0]
                a0 = mulAdd(a0, v, load(p)); a1 = mulAdd(a1, v, load(p + 16))
                x += step; p += f; left &-= 1
            }
            store(load(sums + b) + ((a0 + a2) + (a4 + a6)), sums + b)
            store(load(sums + b + 16) + ((a1 + a3) + (a5 + a7)), sums + b + 16)
            b += 32
        }
        if b + 16 <= f {
            var a0 = Vector(), a1 = Vector()
            var x = input, p = dz + b, left = count
            while left >= 2 {
                a0 = mulAdd(a0, x[0], load(p)); a1 = mulAdd(a1, x[step], load(p + f))
                x += 2 &* step; p += 2 &* f; left &-= 2
            }
            if left > 0 { a0 = mulAdd(a0, x[0], load(p)) }
            store(load(sums + b) + (a0 + a1), sums + b)
            b += 16
        }
        guard b < f else { return }
        for i in 0..<count {
            let v = input[i * step], p = dz + i * f
            for o in b..<f { sums[o] += v * p[o] }
        }
    }

    /// sums[:] += Σ_i dz_i over `count` pixels (the bias gradient's share).
    @inline(__always)
    private static func addRows(_ dz: UnsafePointer<Float>, count: Int, filters f: Int, into sums: UnsafeMutablePointer<Float>) {
        var b = 0
        while b + 16 <= f {
            var a0 = Vector(), a1 = Vector()
            var i = 0
            while i + 2 <= count { a0 += load(dz + i * f + b); a1 += load(dz + (i + 1) * f + b); i += 2 }
            if i < count { a0 += load(dz + i * f + b) }
            store(load(sums + b) + (a0 + a1), sums + b)
            b += 16
        }
        guard b < f else { return }
        for i in 0..<count { for o in b..<f { sums[o] += dz[i * f + o] } }
    }

    /// The taps k in 0..<size whose position start + k * dilation lies in 0..<limit.
    @inline(__always)
    static func taps(from start: Int, _ size: Int, _ dilation: Int, within limit: Int) -> Range<Int> {
        let first = start >= 0 ? 0 : (-start + dilation - 1) / dilation
        let end = limit <= start ? 0 : min(size, (limit - start + dilation - 1) / dilation)
        return first..<max(first, end)
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> Vector { load(UnsafePointer(p)) }

    @inline(__always) static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// acc + a * b, fused when built with `-D ACTLAB_FMA` (see `VectorMath.mulAdd`: without a
    /// target CPU that has FMA the fused form is a libm call per lane).
    @inline(__always) static func mulAdd(_ acc: Vector, _ a: Float, _ b: Vector) -> Vector {
        #if ACTLAB_FMA
        acc.addingProduct(a, b)
        #else
        acc + a * b
        #endif
    }
}

extension DirectConvolution {
    /// One output row's view of the input and kernel: the input rows its windows cover, and
    /// the output pixel vectors at a given window start.
    struct Line {
        let image: UnsafePointer<Float>
        let firstRow: Int
        let rows: Range<Int>
        let kernel: UnsafePointer<Float>
        let bias: UnsafePointer<Float>?
        let filters: Int
        let g: SpatialGeometry

        /// The pixel whose window starts at input column x0, over the window columns `columns`:
        /// its filters from `start` on.
        @inline(__always)
        func one(at x0: Int, columns: Range<Int>, into out: UnsafeMutablePointer<Float>, from start: Int = 0) {
            let f = filters, c = g.channels
            var b = start
            while b + 16 <= f {
                let twice = b + 32 <= f
                var a0 = bias.map { load($0 + b) } ?? Vector()
                var a1 = twice ? (bias.map { load($0 + b + 16) } ?? Vector()) : Vector()
                for ky in rows {
                    let source = image + ((firstRow + ky * g.dilationHeight) * g.inputWidth + x0) * c
                    for kx in columns {
                        let input = source + kx * g.dilationWidth * c
                        let w = kernel + (ky * g.kernelWidth + kx) * c * f + b
                        for ch in 0..<c {
                            let v = input[ch]
                            a0 = mulAdd(a0, v, load(w + ch * f))
                            if twice { a1 = mulAdd(a1, v, load(w + ch * f + 16)) }
                        }
                    }
                }
                store(a0, out + b)
                if twice { store(a1, out + b + 16) }
                b += twice ? 32 : 16
            }
            guard b < f else { return }
            for o in b..<f { out[o] = bias?[o] ?? 0 }
            for ky in rows {
                let source = image + ((firstRow + ky * g.dilationHeight) * g.inputWidth + x0) * c
                for kx in columns {
                    let input = source + kx * g.dilationWidth * c
                    let w = kernel + (ky * g.kernelWidth + kx) * c * f
                    for ch in 0..<c {
                        let v = input[ch]
                        for o in b..<f { out[o] += v * w[ch * f + o] }
                    }
                }
            }
        }

        /// Four neighbouring pixels, the first at window start x0, whose windows cover the same
        /// `columns`; eight sums of 16 filters at a time. Filters past the last 32 go one by one.
        @inline(__always)
        func four(at x0: Int, columns: Range<Int>, into out: UnsafeMutablePointer<Float>) {
            let f = filters, c = g.channels, step = g.strideWidth * c
            var b = 0
            while b + 32 <= f {
                let bias0 = bias.map { load($0 + b) } ?? Vector(), bias1 = bias.map { load($0 + b + 16) } ?? Vector()
                var (a0, a1, a2, a3) = (bias0, bias1, bias0, bias1)
                var (a4, a5, a6, a7) = (bias0, bias1, bias0, bias1)
                for ky in rows {
                    let source = image + ((firstRow + ky * g.dilationHeight) * g.inputWidth + x0) * c
                    for kx in columns {
                        let input = source + kx * g.dilationWidth * c
                        let w = kernel + (ky * g.kernelWidth + kx) * c * f + b
                        for ch in 0..<c {
                            let w0 = load(w + ch * f), w1 = load(w + ch * f + 16)
                            let v0 = input[ch], v1 = input[ch + step], v2 = input[ch + 2 * step], v3 = input[ch + 3 * step]
                            a0 = mulAdd(a0, v0, w0); a1 = mulAdd(a1, v0, w1)
                            a2 = mulAdd(a2, v1, w0); a3 = mulAdd(a3, v1, w1)
                            a4 = mulAdd(a4, v2, w0); a5 = mulAdd(a5, v2, w1)
                            a6 = mulAdd(a6, v3, w0); a7 = mulAdd(a7, v3, w1)
                        }
                    }
                }
                store(a0, out + b); store(a1, out + b + 16)
                store(a2, out + f + b); store(a3, out + f + b + 16)
                store(a4, out + 2 * f + b); store(a5, out + 2 * f + b + 16)
                store(a6, out + 3 * f + b); store(a7, out + 3 * f + b + 16)
                b += 32
            }
            guard b < f else { return }
            // The remaining filters (fewer than 32), pixel by pixel.
            for i in 0..<4 { one(at: x0 + i * g.strideWidth, columns: columns, into: out + i * f, from: b) }
        }
    }
}
