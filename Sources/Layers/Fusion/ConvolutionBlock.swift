import Activations
import Tensors

/// The fused step `ConvolutionBlockFusion` makes. Work goes by chunks of one pooling window row
/// (kernelHeight image rows of one sample): each chunk's activations, normalised values and
/// pooling winners are computed in a per-part scratch area and never stored, but recomputed
/// where the backward pass needs them, which costs less than reading them back from memory.
final class ConvolutionBlock: FusedLayers {
    let conv: Conv2D, norm: BatchNormalization, after: ActivationLayer?, pool: MaxPooling2D
    let layers: [any Layer]
    private let g: SpatialGeometry
    private let before: any ActivationFunction
    private let afterFunction: (any ActivationFunction)?
    private var output: Tensor?, gradient: Tensor?, scratch: Tensor?
    private var preActivation: Tensor?
    private var lastWasTraining = false
    /// Per part: pixel count, then per channel mean and sum of squared deviations (Chan's merge).
    private let moments: UnsafeMutablePointer<Double>
    private static let maximumParts = 8 * Parallel.coreCount

    init(conv: Conv2D, norm: BatchNormalization, after: ActivationLayer?, pool: MaxPooling2D, geometry: SpatialGeometry) {
        (self.conv, self.norm, self.after, self.pool, g) = (conv, norm, after, pool, geometry)
        layers = [conv, norm] + (after.map { [$0] } ?? []) + [pool]
        before = conv.activation
        afterFunction = after?.activation
        moments = .allocate(capacity: Self.maximumParts * (1 + 2 * geometry.channels))
    }

    deinit { moments.deallocate() }

    private var chunkLength: Int { g.kernelHeight * g.inputWidth * g.channels }
    /// Floats of one part's scratch: six chunk buffers and five channel vectors.
    private var slot: Int { 6 * chunkLength + 5 * g.channels }

    /// The image rows of chunk `id`: sample and first row, and how many rows.
    @inline(__always)
    private func chunk(_ id: Int) -> (offset: Int, pixels: Int, row: Int) {
        let s = id / g.outputHeight, oy = id % g.outputHeight
        let top = oy * g.kernelHeight - g.padTop
        let r0 = max(top, 0), r1 = min(top + g.kernelHeight, g.inputHeight)
        return (((s * g.inputHeight + r0) * g.inputWidth) * g.channels, (r1 - r0) * g.inputWidth, id)
    }

    func forward(_ input: Tensor, training: Bool) -> Tensor {
        let z = conv.forwardPreActivation(input)
        preActivation = z
        lastWasTraining = training
        let n = z.rows, c = g.channels, chunks = n * g.outputHeight
        let parts = min(chunks, Self.maximumParts), slot = slot, length = chunkLength
        let work = ensure(&scratch, rows: Self.maximumParts, rowShape: [slot])
        let y = ensure(&output, rows: n, rowShape: pool.outputShape)
        nonisolated(unsafe) let (zp, wp, yp, mp) = (z.pointer, work.pointer, y.pointer, moments)
        let before = before, identity = before.isIdentity
        nonisolated(unsafe) let me = self
        if training {
        Parallel.run(parts: parts) { p in
                let w = wp + p * slot, a = w, chunkMean = w + 6 * length, chunkSquares = chunkMean + c
                let m = mp + p * (1 + 2 * c)
                m.update(repeating: 0, count: 1 + 2 * c)
                for id in (chunks * p / parts)..<(chunks * (p + 1) / parts) {
                    let (offset, pixels, _) = me.chunk(id)
                    let x = UnsafePointer(zp + offset)
                    let values = identity ? x : UnsafePointer(a)
                    if !identity { before.forward(x, a, rows: pixels, columns: c) }
                    Self.moments(values, pixels: pixels, channels: c, mean: chunkMean, squares: chunkSquares, into: m)
                }
            }
            // Merge the parts' moments, then hand the batch mean and squared deviations to the layer.
            let st = norm.statistics!.pointer
            for j in 0..<c {
                var count = 0.0, mean = 0.0, squares = 0.0
                for p in 0..<parts {
                    let m = mp + p * (1 + 2 * c), nb = m[0]
                    guard nb > 0 else { continue }
                    let total = count + nb, delta = m[1 + j] - mean
                    mean += delta * nb / total
                    squares += m[1 + c + j] + delta * delta * count * nb / total
                    count = total
                }
                st[j] = Float(mean)
                st[c + j] = Float(squares)
            }
        }
        norm.completeStatistics(training: training, rows: n * g.inputPixels)
        nonisolated(unsafe) let st = UnsafePointer(norm.statistics!.pointer)
        Parallel.run(parts: parts) { p in
            let w = wp + p * slot
            for id in (chunks * p / parts)..<(chunks * (p + 1) / parts) {
                let (offset, pixels, row) = me.chunk(id)
                let (_, _, activated) = me.recompute(zp + offset, pixels: pixels, scratch: w, statistics: st)
                me.poolRow(activated, row: row, into: yp)
            }
        }
        return y
    }

    /// a = before(z), b = a * scale + shift, c = after(b) for one chunk, in `w`'s first three buffers.
    @inline(__always)
    private func recompute(_ z: UnsafePointer<Float>, pixels: Int, scratch w: UnsafeMutablePointer<Float>,
                           statistics st: UnsafePointer<Float>) -> (a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>) {
        let c = g.channels, length = chunkLength
        let a = before.isIdentity ? z : UnsafePointer(w)
        if !before.isIdentity { before.forward(z, w, rows: pixels, columns: c) }
        let b = w + length, scale = st + 2 * c, shift = st + 3 * c
        for i in 0..<pixels {
            let from = a + i * c, to = b + i * c
            for j in 0..<c { to[j] = from[j] * scale[j] + shift[j] }
        }
        guard let f = afterFunction else { return (a, UnsafePointer(b), UnsafePointer(b)) }
        let out = w + 2 * length
        f.forward(b, out, rows: pixels, columns: c)
        return (a, UnsafePointer(b), UnsafePointer(out))
    }

    /// The maxima of one row of pooling windows, as MaxPooling2D: the first largest value, -inf
    /// for a window of NaNs.
    @inline(__always)
    private func poolRow(_ v: UnsafePointer<Float>, row: Int, into y: UnsafeMutablePointer<Float>) {
        let c = g.channels, oy = row % g.outputHeight
        let top = oy * g.kernelHeight - g.padTop, rows = min(top + g.kernelHeight, g.inputHeight) - max(top, 0)
        for ox in 0..<g.outputWidth {
            let out = y + (row * g.outputWidth + ox) * c
            out.update(repeating: -.infinity, count: c)
            let left = ox * g.kernelWidth - g.padLeft
            for r in 0..<rows {
                for ix in max(left, 0)..<min(left + g.kernelWidth, g.inputWidth) {
                    let p = v + (r * g.inputWidth + ix) * c
                    for j in 0..<c where p[j] > out[j] { out[j] = p[j] }
                }
            }
        }
    }

    /// Adds one chunk's per-channel moments to a part's running ones (count, means, squared deviations).
    @inline(__always)
    private static func moments(_ v: UnsafePointer<Float>, pixels: Int, channels c: Int, mean: UnsafeMutablePointer<Float>,
                                squares: UnsafeMutablePointer<Float>, into m: UnsafeMutablePointer<Double>) {
        guard pixels > 0 else { return }
        mean.update(repeating: 0, count: c)
        squares.update(repeating: 0, count: c)
        for i in 0..<pixels { let p = v + i * c; for j in 0..<c { mean[j] += p[j] } }
        let inverse = 1 / Float(pixels)
        for j in 0..<c { mean[j] *= inverse }
        for i in 0..<pixels { let p = v + i * c; for j in 0..<c { let d = p[j] - mean[j]; squares[j] += d * d } }
        let na = m[0], nb = Double(pixels), total = na + nb
        for j in 0..<c {
            let delta = Double(mean[j]) - m[1 + j]
            m[1 + j] += delta * nb / total
            m[1 + c + j] += Double(squares[j]) + delta * delta * na * nb / total
        }
        m[0] = total
    }

    func backward(_ gradOutput: Tensor, needInputGradient: Bool) -> Tensor? {
        guard let z = preActivation else { preconditionFailure("ConvolutionBlock.backward before forward") }
        let n = z.rows, c = g.channels, chunks = n * g.outputHeight
        let parts = min(chunks, Self.maximumParts), slot = slot, length = chunkLength
        let work = ensure(&scratch, rows: Self.maximumParts, rowShape: [slot])
        let dz = ensure(&gradient, rows: n, rowShape: conv.outputShape)
        nonisolated(unsafe) let (zp, wp, dy, dzp) = (z.pointer, work.pointer, gradOutput.pointer, dz.pointer)
        nonisolated(unsafe) let st = UnsafePointer(norm.statistics!.pointer)
        let training = lastWasTraining
        // Pass 1: dbeta = Σ db and dgamma = Σ db x̂ over the batch, db the gradient at the normalised values.
        nonisolated(unsafe) let me = self
        Parallel.run(parts: parts) { p in
            let w = wp + p * slot, sums = w + 6 * length
            sums.update(repeating: 0, count: 2 * c)
            for id in (chunks * p / parts)..<(chunks * (p + 1) / parts) {
                let (offset, pixels, row) = me.chunk(id)
                let (a, db) = me.normalizedGradient(zp + offset, pixels: pixels, row: row, dy: dy, scratch: w, statistics: st)
                let mean = st, invStd = st + c
                for i in 0..<pixels {
                    let d = db + i * c, v = a + i * c
                    for j in 0..<c {
                        sums[j] += d[j]
                        sums[c + j] += d[j] * ((v[j] - mean[j]) * invStd[j])
                    }
                }
            }
        }
        let (dbeta, dgamma) = (norm.beta.gradient.pointer, norm.gamma.gradient.pointer)
        for j in 0..<c {
            var b: Float = 0, gm: Float = 0
            for p in 0..<parts { b += wp[p * slot + 6 * length + j]; gm += wp[p * slot + 6 * length + c + j] }
            dbeta[j] = b
            dgamma[j] = gm
        }
        // Pass 2: dz, through the batch statistics (training) or the fixed affine map (inference).
        nonisolated(unsafe) let (sb, sg) = (UnsafePointer(dbeta), UnsafePointer(dgamma))
        let inverseCount = 1 / Float(n * g.inputPixels), before = before
        Parallel.run(parts: parts) { p in
            let w = wp + p * slot
            for id in (chunks * p / parts)..<(chunks * (p + 1) / parts) {
                let (offset, pixels, row) = me.chunk(id)
                let (a, db) = me.normalizedGradient(zp + offset, pixels: pixels, row: row, dy: dy, scratch: w, statistics: st)
                let mean = st, invStd = st + c, scale = st + 2 * c
                let da = before.isIdentity ? dzp + offset : w + 5 * length
                for i in 0..<pixels {
                    let d = db + i * c, v = a + i * c, out = da + i * c
                    if training {
                        for j in 0..<c {
                            let xhat = (v[j] - mean[j]) * invStd[j]
                            out[j] = scale[j] * (d[j] - (sb[j] + xhat * sg[j]) * inverseCount)
                        }
                    } else {
                        for j in 0..<c { out[j] = d[j] * scale[j] }
                    }
                }
                if !before.isIdentity {
                    before.backward(x: zp + offset, y: a, dy: da, dx: dzp + offset, rows: pixels, columns: c)
                }
            }
        }
        return conv.backward(preActivationGradient: dz, needInputGradient: needInputGradient)
    }

    /// For one chunk: its activations a, and db, the gradient at the normalised values, from
    /// the pooled gradient routed to each window's winner and back through `after`.
    @inline(__always)
    private func normalizedGradient(_ z: UnsafePointer<Float>, pixels: Int, row: Int, dy: UnsafePointer<Float>,
                                    scratch w: UnsafeMutablePointer<Float>, statistics st: UnsafePointer<Float>)
        -> (a: UnsafePointer<Float>, db: UnsafePointer<Float>) {
        let c = g.channels, length = chunkLength
        let (a, b, v) = recompute(z, pixels: pixels, scratch: w, statistics: st)
        let dc = w + 3 * length, best = w + 6 * length + 2 * c, open = best + c
        let oy = row % g.outputHeight, top = oy * g.kernelHeight - g.padTop
        let rows = min(top + g.kernelHeight, g.inputHeight) - max(top, 0)
        for ox in 0..<g.outputWidth {
            let d = dy + (row * g.outputWidth + ox) * c
            let left = ox * g.kernelWidth - g.padLeft, cols = max(left, 0)..<min(left + g.kernelWidth, g.inputWidth)
            best.update(repeating: -.infinity, count: c)
            for r in 0..<rows {
                for ix in cols {
                    let p = v + (r * g.inputWidth + ix) * c
                    for j in 0..<c where p[j] > best[j] { best[j] = p[j] }
                }
            }
            // The first pixel holding the maximum takes the gradient; the first pixel when none does (NaNs).
            open.update(repeating: 1, count: c)
            for r in 0..<rows {
                for ix in cols {
                    let at = (r * g.inputWidth + ix) * c, p = v + at, q = dc + at
                    for j in 0..<c {
                        let wins = open[j] != 0 && p[j] == best[j]
                        q[j] = wins ? d[j] : 0
                        open[j] = wins ? 0 : open[j]
                    }
                }
            }
            let first = dc + cols.lowerBound * c
            for j in 0..<c where open[j] != 0 { first[j] = d[j] }
        }
        guard let f = afterFunction else { return (a, UnsafePointer(dc)) }
        let db = w + 4 * length
        f.backward(x: b, y: v, dy: dc, dx: db, rows: pixels, columns: c)
        return (a, UnsafePointer(db))
    }
}
