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
    /// Backward, per pooled value: the window position that won, and the gradient at the
    /// normalised value there (zero at the others, `after` being element-wise), so that the
    /// second pass does not route the gradient through the pooling and `after` again.
    private var winners: Tensor?, pooledGradient: Tensor?
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
    /// Floats of one part's scratch: six chunk buffers and four channel vectors.
    private var slot: Int { 6 * chunkLength + 4 * g.channels }

    /// How many image rows the windows of output row `row` cover (fewer than the window's height
    /// at a padded edge).
    @inline(__always)
    private func windowRows(_ row: Int) -> Int {
        let top = row % g.outputHeight * g.kernelHeight - g.padTop
        return min(top + g.kernelHeight, g.inputHeight) - max(top, 0)
    }

    /// The image columns window `ox` covers, clipped to the image.
    @inline(__always)
    private func windowColumns(_ ox: Int) -> Range<Int> {
        let left = ox * g.kernelWidth - g.padLeft
        return max(left, 0)..<min(left + g.kernelWidth, g.inputWidth)
    }

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
            for k in stride(from: 0, to: c, by: 16) {
                store(load(shift, k).addingProduct(load(a, i * c + k), load(scale, k)), b, i * c + k)
            }
        }
        guard let f = afterFunction else { return (a, UnsafePointer(b), UnsafePointer(b)) }
        let out = w + 2 * length
        f.forward(b, out, rows: pixels, columns: c)
        return (a, UnsafePointer(b), UnsafePointer(out))
    }

    /// The maxima of one row of pooling windows, NaNs passed over, as MaxPooling2D (-inf for a window of NaNs).
    @inline(__always)
    private func poolRow(_ v: UnsafePointer<Float>, row: Int, into y: UnsafeMutablePointer<Float>) {
        let c = g.channels, rows = windowRows(row)
        for ox in 0..<g.outputWidth {
            let out = y + (row * g.outputWidth + ox) * c
            let cols = windowColumns(ox)
            out.update(repeating: -.infinity, count: c)
            for r in 0..<rows {
                for ix in cols { Self.maximum(v + (r * g.inputWidth + ix) * c, into: out, count: c) }
            }
        }
    }

    /// out = max(out, v) per channel, passing NaNs over, as a select that runs on vectors.
    @inline(__always)
    private static func maximum(_ v: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        for j in 0..<count { let x = v[j], m = out[j]; out[j] = x > m ? x : m }
    }

    /// winner = index where v is the maximum. Bit patterns are compared: the maximum holds the
    /// bits of the first pixel equal to it, and no earlier pixel equals it, so the first match is the same.
    @inline(__always)
    private static func note(_ v: UnsafePointer<Float>, equalTo best: UnsafePointer<Float>, index: Float,
                             in winner: UnsafeMutablePointer<Float>, count: Int) {
        let at = bits(SIMD16<Float>(repeating: index))
        for k in stride(from: 0, to: count, by: 16) {
            let differs = differ(bits(load(v, k)), bits(load(best, k)))
            store(float((bits(load(winner, k)) & differs) | (at & ~differs)), winner, k)
        }
    }

    /// The pooled gradient `d` where this pixel (window position `index`) won, 0 elsewhere.
    @inline(__always)
    private static func route(_ d: UnsafePointer<Float>, to q: UnsafeMutablePointer<Float>,
                              winner: UnsafePointer<Float>, index: Float, count: Int) {
        let at = bits(SIMD16<Float>(repeating: index))
        for k in stride(from: 0, to: count, by: 16) {
            store(float(bits(load(d, k)) & ~differ(bits(load(winner, k)), at)), q, k)
        }
    }

    /// Adds one chunk's per-channel moments to a part's running ones (count, means, squared deviations).
    @inline(__always)
    private static func moments(_ v: UnsafePointer<Float>, pixels: Int, channels c: Int, mean: UnsafeMutablePointer<Float>,
                                squares: UnsafeMutablePointer<Float>, into m: UnsafeMutablePointer<Double>) {
        guard pixels > 0 else { return }
        let inverse = 1 / Float(pixels)
        for k in stride(from: 0, to: c, by: 16) {
            var sum = SIMD16<Float>()
            for i in 0..<pixels { sum += load(v, i * c + k) }
            let mu = sum * inverse
            var squared = SIMD16<Float>()
            for i in 0..<pixels { let d = load(v, i * c + k) - mu; squared.addProduct(d, d) }
            store(mu, mean, k)
            store(squared, squares, k)
        }
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
        let won = ensure(&winners, rows: n, rowShape: pool.outputShape)
        let pooled = ensure(&pooledGradient, rows: n, rowShape: pool.outputShape)
        nonisolated(unsafe) let (zp, wp, dy, dzp) = (z.pointer, work.pointer, gradOutput.pointer, dz.pointer)
        nonisolated(unsafe) let (wonp, pooledp) = (won.pointer, pooled.pointer)
        nonisolated(unsafe) let st = UnsafePointer(norm.statistics!.pointer)
        let training = lastWasTraining
        // Pass 1: dbeta = Σ db and dgamma = Σ db x̂ over the batch, db the gradient at the normalised values.
        nonisolated(unsafe) let me = self
        Parallel.run(parts: parts) { p in
            let w = wp + p * slot, sums = w + 6 * length
            sums.update(repeating: 0, count: 2 * c)
            for id in (chunks * p / parts)..<(chunks * (p + 1) / parts) {
                let (offset, pixels, row) = me.chunk(id)
                let (a, db) = me.normalizedGradient(zp + offset, pixels: pixels, row: row, dy: dy, scratch: w, statistics: st,
                                                    winners: wonp, pooled: pooledp)
                let mean = st, invStd = st + c
                for k in stride(from: 0, to: c, by: 16) {
                    let mu = load(mean, k), inv = load(invStd, k)
                    var sb = load(sums, k), sg = load(sums, c + k)
                    for i in 0..<pixels {
                        let d = load(db, i * c + k)
                        sb += d
                        sg.addProduct(d, (load(a, i * c + k) - mu) * inv)
                    }
                    store(sb, sums, k)
                    store(sg, sums, c + k)
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
                let x = UnsafePointer(zp + offset)
                let a = before.isIdentity ? x : UnsafePointer(w)
                if !before.isIdentity { before.forward(x, w, rows: pixels, columns: c) }
                let db = me.routed(row: row, winners: wonp, pooled: pooledp, scratch: w)
                let mean = st, invStd = st + c, scale = st + 2 * c
                let da = before.isIdentity ? dzp + offset : w + 5 * length
                for k in stride(from: 0, to: c, by: 16) {
                    let mu = load(mean, k), inv = load(invStd, k), gain = load(scale, k)
                    let shiftSum = load(sb, k) * inverseCount, xhatSum = load(sg, k) * inverseCount
                    for i in 0..<pixels {
                        let d = load(db, i * c + k)
                        if training {
                            let xhat = (load(a, i * c + k) - mu) * inv
                            store(gain * (d - shiftSum - xhat * xhatSum), da, i * c + k)
                        } else {
                            store(d * gain, da, i * c + k)
                        }
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
                                    scratch w: UnsafeMutablePointer<Float>, statistics st: UnsafePointer<Float>,
                                    winners: UnsafeMutablePointer<Float>, pooled: UnsafeMutablePointer<Float>)
        -> (a: UnsafePointer<Float>, db: UnsafePointer<Float>) {
        let c = g.channels, length = chunkLength
        let (a, b, v) = recompute(z, pixels: pixels, scratch: w, statistics: st)
        let dc = w + 3 * length, best = w + 6 * length + 2 * c, winner = best + c
        let rows = windowRows(row)
        for ox in 0..<g.outputWidth {
            let d = dy + (row * g.outputWidth + ox) * c
            let cols = windowColumns(ox)
            // The first pixel holding the maximum takes the gradient (the first pixel for a window
            // of NaNs), as in MaxPooling2D; selects rather than branches, so the loops run on vectors.
            best.update(repeating: -.infinity, count: c)
            for r in 0..<rows {
                for ix in cols { Self.maximum(v + (r * g.inputWidth + ix) * c, into: best, count: c) }
            }
            // Last pixel to first, so the first one holding the maximum is noted last.
            winner.update(repeating: 0, count: c)
            var index = Float(rows * cols.count)
            for r in (0..<rows).reversed() {
                for ix in cols.reversed() {
                    index -= 1
                    Self.note(v + (r * g.inputWidth + ix) * c, equalTo: best, index: index, in: winner, count: c)
                }
            }
            for r in 0..<rows {
                for ix in cols {
                    Self.route(d, to: dc + (r * g.inputWidth + ix) * c, winner: winner, index: index, count: c)
                    index += 1
                }
            }
            (winners + (row * g.outputWidth + ox) * c).update(from: winner, count: c)
        }
        let db: UnsafeMutablePointer<Float>
        if let f = afterFunction {
            db = w + 4 * length
            f.backward(x: b, y: v, dy: dc, dx: db, rows: pixels, columns: c)
        } else {
            db = dc
        }
        // Each window's one non-zero db, kept for the second pass.
        for ox in 0..<g.outputWidth {
            let out = pooled + (row * g.outputWidth + ox) * c
            let cols = windowColumns(ox)
            out.update(repeating: 0, count: c)
            for r in 0..<rows {
                for ix in cols { Self.add(db + (r * g.inputWidth + ix) * c, into: out, count: c) }
            }
        }
        return (a, UnsafePointer(db))
    }

    /// db of one chunk again, from the winners and pooled gradients the first pass kept.
    @inline(__always)
    private func routed(row: Int, winners: UnsafePointer<Float>, pooled: UnsafePointer<Float>,
                        scratch w: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        let c = g.channels, db = w + 4 * chunkLength
        let rows = windowRows(row)
        for ox in 0..<g.outputWidth {
            let at = (row * g.outputWidth + ox) * c
            let cols = windowColumns(ox)
            var index: Float = 0
            for r in 0..<rows {
                for ix in cols {
                    Self.route(pooled + at, to: db + (r * g.inputWidth + ix) * c, winner: winners + at, index: index, count: c)
                    index += 1
                }
            }
        }
        return UnsafePointer(db)
    }

    @inline(__always)
    private static func add(_ v: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        for j in 0..<count { out[j] += v[j] }
    }
}

@inline(__always) private func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD16<Float> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always) private func load(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> SIMD16<Float> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always) private func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD16<Float>.self)
}

/// The lanes' bit patterns, for selecting by `&` and `|` (comparisons and mask methods on SIMD
/// types compile to lane-by-lane shuffles here).
@inline(__always) private func bits(_ v: SIMD16<Float>) -> SIMD16<Int32> { unsafeBitCast(v, to: SIMD16<Int32>.self) }

@inline(__always) private func float(_ v: SIMD16<Int32>) -> SIMD16<Float> { unsafeBitCast(v, to: SIMD16<Float>.self) }

/// All ones in the lanes where a and b differ, zeros where they are equal.
@inline(__always) private func differ(_ a: SIMD16<Int32>, _ b: SIMD16<Int32>) -> SIMD16<Int32> {
    let x = a ^ b
    return (x | (0 &- x)) &>> 31
}
