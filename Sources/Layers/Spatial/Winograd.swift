import Tensors

/// 3x3 convolutions with stride 1 by Winograd's F(2x2, 3x3): each 2x2 block of output from a
/// 4x4 block of input with 16 multiplies per channel pair instead of 36, as 16 matrix products
/// [tiles, inChannels] x [inChannels, outChannels] between transformed input and kernel
/// (Lavin & Gray, 2015). NHWC in and out; input outside the image reads as zero.
enum Winograd {
    /// Where the windows fall: output size, and padding before the first row and column.
    struct Plan: Equatable, Sendable {
        var inputHeight: Int, inputWidth: Int, inChannels: Int
        var outputHeight: Int, outputWidth: Int, outChannels: Int
        var padTop: Int, padLeft: Int
        var tilesHigh: Int { (outputHeight + 1) / 2 }
        var tilesWide: Int { (outputWidth + 1) / 2 }
        var tilesPerSample: Int { tilesHigh * tilesWide }
    }

    /// U = G g Gᵀ for every (in, out) channel pair: `kernel` [3, 3, inChannels, outChannels]
    /// into `u` [16, inChannels, outChannels].
    static func transformKernel(_ kernel: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>,
                                inChannels ci: Int, outChannels co: Int) {
        nonisolated(unsafe) let (kernel, u) = (kernel, u)
        Parallel.run(parts: ci >= 16 ? 2 * Parallel.coreCount : 1) { part in
            let from = ci * part / (ci >= 16 ? 2 * Parallel.coreCount : 1)
            let to = ci * (part + 1) / (ci >= 16 ? 2 * Parallel.coreCount : 1)
            for i in from..<to {
                for o in 0..<co {
                    @inline(__always) func g(_ ky: Int, _ kx: Int) -> Float {
                        kernel[((ky * 3 + kx) * ci + i) * co + o]
                    }
                    // Rows: t = G g (4x3); then each row r of t gives (r0, (r0+r1+r2)/2, (r0-r1+r2)/2, r2).
                    for y in 0..<4 {
                        let (r0, r1, r2): (Float, Float, Float)
                        switch y {
                        case 0: (r0, r1, r2) = (g(0, 0), g(0, 1), g(0, 2))
                        case 3: (r0, r1, r2) = (g(2, 0), g(2, 1), g(2, 2))
                        default:
                            let sign: Float = y == 1 ? 1 : -1
                            r0 = 0.5 * (g(0, 0) + sign * g(1, 0) + g(2, 0))
                            r1 = 0.5 * (g(0, 1) + sign * g(1, 1) + g(2, 1))
                            r2 = 0.5 * (g(0, 2) + sign * g(1, 2) + g(2, 2))
                        }
                        u[((y * 4 + 0) * ci + i) * co + o] = r0
                        u[((y * 4 + 1) * ci + i) * co + o] = 0.5 * (r0 + r1 + r2)
                        u[((y * 4 + 2) * ci + i) * co + o] = 0.5 * (r0 - r1 + r2)
                        u[((y * 4 + 3) * ci + i) * co + o] = r2
                    }
                }
            }
        }
    }

    /// Floats of `scratch` that `convolve` needs: a slot per part of the transforms, room for the
    /// adjoint's transposed kernel transforms, then the blocked path's products.
    static func scratchCount(_ p: Plan) -> Int { slotsCount(p) + transposedKernelCount(p) + blockedCount(p) }

    /// Floats of `scratch` taken by the transforms' per-part slots.
    static func slotsCount(_ p: Plan) -> Int { 8 * Parallel.coreCount * slotSize(p) }

    /// One part's share of `scratch`: a 4x4 block of channel vectors and a vector of zeros.
    static func slotSize(_ p: Plan) -> Int { 17 * max(p.inChannels, p.outChannels) }

    /// y [n, outputHeight, outputWidth, outChannels] = conv(x, kernel) (+ bias), with `u` from
    /// `transformKernel`, and work space `v` [16, n * tiles, inChannels], `m` [16, n * tiles, outChannels]
    /// and `scratch` (`scratchCount` floats). `v` keeps the transformed input, which the kernel
    /// gradient reuses. With `adjoint`, `u` is the forward kernel's transform [16, outChannels,
    /// inChannels] and the convolution is by its adjoint (flipped, channels exchanged): the
    /// transform of a flipped kernel is the forward one with rows and columns 0 and 3 swapped,
    /// so the products read it transposed instead of transforming the kernel again.
    static func convolve(_ x: UnsafePointer<Float>, samples n: Int, _ p: Plan, u: UnsafePointer<Float>, adjoint: Bool = false,
                         bias: UnsafePointer<Float>?, v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>,
                         products: Products = .preferred) {
        if products.tiles(columns: p.outChannels) {
            convolveBlocked(x, samples: n, p, u: u, adjoint: adjoint, bias: bias, v: v, scratch: scratch, into: y)
            return
        }
        transformInput(x, samples: n, p, into: v, scratch: scratch)
        Self.products(tiles: n * p.tilesPerSample, inChannels: p.inChannels, outChannels: p.outChannels, v: v, u: u,
                      adjoint: adjoint, transposed: scratch + slotsCount(p), into: m, using: products)
        transformOutput(m, samples: n, p, bias: bias, scratch: scratch, into: y)
    }

    /// Work split of the per-tile transforms: several parts per core, so a late worker takes fewer.
    static func partCount(tiles: Int) -> Int { min(tiles, 8 * Parallel.coreCount) }

    /// v [16, n * tiles, inChannels] = Bᵀ d B for every 4x4 input block d, channels innermost
    /// so the arithmetic runs on vectors.
    static func transformInput(_ x: UnsafePointer<Float>, samples n: Int, _ p: Plan, into v: UnsafeMutablePointer<Float>,
                               scratch: UnsafeMutablePointer<Float>) {
        let tiles = n * p.tilesPerSample
        nonisolated(unsafe) let (x, v, scratch) = (x, v, scratch)
        let slot = slotSize(p), parts = partCount(tiles: tiles)
        Parallel.run(parts: parts) { part in
            inputTiles((tiles * part / parts)..<(tiles * (part + 1) / parts), x, p, tiles: tiles, into: v, slot: scratch + part * slot)
        }
    }

    /// The input transform of the tiles in `range` (of `tiles`), with one part's scratch slot.
    @inline(__always)
    static func inputTiles(_ range: Range<Int>, _ x: UnsafePointer<Float>, _ p: Plan, tiles: Int,
                           into v: UnsafeMutablePointer<Float>, slot d: UnsafeMutablePointer<Float>) {
        let ci = p.inChannels
        // Pixels outside the image read from a vector of zeros; no copy of the block is made.
        let zeros = d + 16 * max(ci, p.outChannels)
        zeros.update(repeating: 0, count: ci)
        for t in range {
            let s = t / p.tilesPerSample, ty = t % p.tilesPerSample / p.tilesWide, tx = t % p.tilesWide
            let y0 = 2 * ty - p.padTop, x0 = 2 * tx - p.padLeft
            @inline(__always) func pixel(_ iy: Int, _ ix: Int) -> UnsafePointer<Float> {
                iy >= 0 && iy < p.inputHeight && ix >= 0 && ix < p.inputWidth
                    ? x + ((s * p.inputHeight + iy) * p.inputWidth + ix) * ci : UnsafePointer(zeros)
            }
            // Columns of each row: (d0 - d2, d1 + d2, d2 - d1, d1 - d3).
            for r in 0..<4 {
                let s0 = pixel(y0 + r, x0), s1 = pixel(y0 + r, x0 + 1), s2 = pixel(y0 + r, x0 + 2), s3 = pixel(y0 + r, x0 + 3)
                let d0 = d + r * 4 * ci, d1 = d0 + ci, d2 = d1 + ci, d3 = d2 + ci
                for k in 0..<ci {
                    let (a, b, c, e) = (s0[k], s1[k], s2[k], s3[k])
                    d0[k] = a - c; d1[k] = b + c; d2[k] = c - b; d3[k] = b - e
                }
            }
            // Then rows, written to the 16 matrices.
            for c in 0..<4 {
                let d0 = d + c * ci, d1 = d0 + 4 * ci, d2 = d1 + 4 * ci, d3 = d2 + 4 * ci
                let o0 = v + ((0 * 4 + c) * tiles + t) * ci, o1 = v + ((1 * 4 + c) * tiles + t) * ci
                let o2 = v + ((2 * 4 + c) * tiles + t) * ci, o3 = v + ((3 * 4 + c) * tiles + t) * ci
                for k in 0..<ci {
                    let (a, b, cc, e) = (d0[k], d1[k], d2[k], d3[k])
                    o0[k] = a - cc; o1[k] = b + cc; o2[k] = cc - b; o3[k] = b - e
                }
            }
        }
    }

    /// y [n, outputHeight, outputWidth, outChannels] = Aᵀ m A (+ bias) from the products m [16, n * tiles, outChannels].
    static func transformOutput(_ m: UnsafePointer<Float>, samples n: Int, _ p: Plan, bias: UnsafePointer<Float>?,
                                scratch: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let tiles = n * p.tilesPerSample
        nonisolated(unsafe) let (m, bias, y, scratch) = (m, bias, y, scratch)
        let slot = slotSize(p), parts = partCount(tiles: tiles)
        Parallel.run(parts: parts) { part in
            outputTiles((tiles * part / parts)..<(tiles * (part + 1) / parts), m, rows: tiles, first: 0, p, bias: bias,
                        slot: scratch + part * slot, into: y)
        }
    }

    /// The output transform Y = Aᵀ M A (+ bias), Aᵀ = [[1, 1, 1, 0], [0, 1, -1, -1]], of the tiles
    /// in `range`, whose products m holds as 16 matrices of `rows` rows starting at tile `first`.
    @inline(__always)
    static func outputTiles(_ range: Range<Int>, _ m: UnsafePointer<Float>, rows: Int, first: Int, _ p: Plan,
                            bias: UnsafePointer<Float>?, slot w: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let co = p.outChannels
        for t in range {
            let s = t / p.tilesPerSample, ty = t % p.tilesPerSample / p.tilesWide, tx = t % p.tilesWide
            let row = t - first
            // Rows first: w[r'][c] for r' in 0..<2, c in 0..<4.
            for c in 0..<4 {
                let m0 = m + ((0 * 4 + c) * rows + row) * co, m1 = m + ((1 * 4 + c) * rows + row) * co
                let m2 = m + ((2 * 4 + c) * rows + row) * co, m3 = m + ((3 * 4 + c) * rows + row) * co
                let w0 = w + c * co, w1 = w + (4 + c) * co
                for k in 0..<co { w0[k] = m0[k] + m1[k] + m2[k]; w1[k] = m1[k] - m2[k] - m3[k] }
            }
            for r in 0..<2 {
                let oy = 2 * ty + r
                guard oy < p.outputHeight else { continue }
                let w0 = w + r * 4 * co, w1 = w0 + co, w2 = w1 + co, w3 = w2 + co
                for c in 0..<2 {
                    let ox = 2 * tx + c
                    guard ox < p.outputWidth else { continue }
                    let out = y + ((s * p.outputHeight + oy) * p.outputWidth + ox) * co
                    if c == 0 {
                        for k in 0..<co { out[k] = w0[k] + w1[k] + w2[k] }
                    } else {
                        for k in 0..<co { out[k] = w1[k] - w2[k] - w3[k] }
                    }
                    if let bias { for k in 0..<co { out[k] += bias[k] } }
                }
            }
        }
    }
}
