import Tensors

/// Unfolds NHWC images into one row per output position (im2col) and folds such rows back,
/// summing overlaps (col2im), so a convolution is one matrix product with the kernel viewed as
/// [kernelHeight * kernelWidth * channels, filters]. Row layout: (ky, kx, channel), the order
/// of a Keras kernel [kh, kw, cin, cout]. Both split their work over the cores.
enum Im2col {
    /// Writes `columns` [n * outputPixels, rowLength] from `input` [n, H, W, C]. A row one longer
    /// than windowSize * channels ends in a 1, so that the product with the kernel and a last
    /// row of biases adds the bias with no pass of its own.
    static func unfold(_ input: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>, rowLength: Int,
                       samples n: Int, _ g: SpatialGeometry) {
        let withOne = rowLength > g.windowSize * g.channels
        nonisolated(unsafe) let (x, col) = (input, columns)
        let lines = n * g.outputHeight
        let parts = min(lines, 8 * Parallel.coreCount)
        Parallel.run(parts: parts) { p in
            for line in (lines * p / parts)..<(lines * (p + 1) / parts) {
                let s = line / g.outputHeight, oy = line % g.outputHeight
                let image = x + s * g.inputPixels * g.channels
                var row = col + line * g.outputWidth * rowLength
                for ox in 0..<g.outputWidth {
                    var dst = row
                    for ky in 0..<g.kernelHeight {
                        let iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight
                        guard iy >= 0, iy < g.inputHeight else {
                            dst.update(repeating: 0, count: g.kernelWidth * g.channels)
                            dst += g.kernelWidth * g.channels
                            continue
                        }
                        let x0 = ox * g.strideWidth - g.padLeft
                        let source = image + iy * g.inputWidth * g.channels
                        if g.dilationWidth == 1 {
                            // The window's row is contiguous in NHWC: zeros, one copy, zeros.
                            let first = max(0, -x0), end = min(g.kernelWidth, g.inputWidth - x0)
                            if first > 0 { dst.update(repeating: 0, count: first * g.channels) }
                            if end > first { (dst + first * g.channels).update(from: source + (x0 + first) * g.channels, count: (end - first) * g.channels) }
                            let tail = g.kernelWidth - max(end, first)
                            if tail > 0 { (dst + max(end, first) * g.channels).update(repeating: 0, count: tail * g.channels) }
                        } else {
                            for kx in 0..<g.kernelWidth {
                                let ix = x0 + kx * g.dilationWidth
                                let d = dst + kx * g.channels
                                if ix >= 0, ix < g.inputWidth { d.update(from: source + ix * g.channels, count: g.channels) } else { d.update(repeating: 0, count: g.channels) }
                            }
                        }
                        dst += g.kernelWidth * g.channels
                    }
                    if withOne { dst.pointee = 1 }
                    row += rowLength
                }
            }
        }
    }

    /// Sets `input` [n, H, W, C] to the sum, over every row of `columns`, of the values each
    /// input position contributed (the adjoint of `unfold`).
    static func fold(_ columns: UnsafePointer<Float>, into input: UnsafeMutablePointer<Float>, samples n: Int, _ g: SpatialGeometry) {
        let rowLength = g.windowSize * g.channels
        nonisolated(unsafe) let (dx, col) = (input, columns)
        // One sample per part: the windows of a sample write only that sample's pixels.
        Parallel.run(parts: n) { s in
            let image = dx + s * g.inputPixels * g.channels
            image.update(repeating: 0, count: g.inputPixels * g.channels)
            var row = col + s * g.outputPixels * rowLength
            for oy in 0..<g.outputHeight {
                for ox in 0..<g.outputWidth {
                    var src = row
                    for ky in 0..<g.kernelHeight {
                        defer { src += g.kernelWidth * g.channels }
                        let iy = oy * g.strideHeight - g.padTop + ky * g.dilationHeight
                        guard iy >= 0, iy < g.inputHeight else { continue }
                        let target = image + iy * g.inputWidth * g.channels
                        let x0 = ox * g.strideWidth - g.padLeft
                        if g.dilationWidth == 1 {
                            let first = max(0, -x0), end = min(g.kernelWidth, g.inputWidth - x0)
                            guard end > first else { continue }
                            let d = target + (x0 + first) * g.channels, v = src + first * g.channels
                            for i in 0..<((end - first) * g.channels) { d[i] += v[i] }
                        } else {
                            for kx in 0..<g.kernelWidth {
                                let ix = x0 + kx * g.dilationWidth
                                guard ix >= 0, ix < g.inputWidth else { continue }
                                let d = target + ix * g.channels, v = src + kx * g.channels
                                for c in 0..<g.channels { d[c] += v[c] }
                            }
                        }
                    }
                    row += rowLength
                }
            }
        }
    }
}
