import Tensors

extension Winograd {
    /// Floats of `du` that `kernelGradient` needs: the 16 transformed-kernel gradients.
    static func kernelGradientCount(_ p: Plan) -> Int { 16 * p.inChannels * p.outChannels }

    /// The kernel gradient of `convolve`, each of its steps taken back in turn, so it costs the
    /// forward pass's 16 multiplies per 4 outputs instead of im2col's 36: dm = A dy Aᵀ per tile
    /// (the output transform's adjoint), then 16 products dU = vᵀ dm with the tiles as the long
    /// inner dimension, then dW = Gᵀ dU G (the kernel transform's adjoint).
    /// - Parameters:
    ///   - dy: dL/dy [n, outputHeight, outputWidth, outChannels].
    ///   - v: the transformed input `convolve` left for the same samples, [16, n * tiles, inChannels].
    ///   - dm: work space [16, n * tiles, outChannels]; `du`: `kernelGradientCount` floats.
    ///   - biasGradient: when given, set to the sum of `dy` over every position.
    ///   - dw: the kernel gradient [3, 3, inChannels, outChannels] (Keras layout), overwritten.
    ///   - products: how the 16 products run (tests compare the two ways).
    static func kernelGradient(_ dy: UnsafePointer<Float>, samples n: Int, _ p: Plan, v: UnsafePointer<Float>,
                               dm: UnsafeMutablePointer<Float>, du: UnsafeMutablePointer<Float>,
                               scratch: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?,
                               into dw: UnsafeMutablePointer<Float>, products: Products = .preferred) {
        let tiles = n * p.tilesPerSample, ci = p.inChannels, co = p.outChannels
        let slot = slotSize(p), parts = partCount(tiles: tiles)
        nonisolated(unsafe) let (dy, v, dm, du, scratch, dw) = (dy, v, dm, du, scratch, dw)
        let wantsBias = biasGradient != nil
        Parallel.run(parts: parts) { part in
            // The tile's 2x2 block of dy, read in place (a vector of zeros where it hangs over the
            // edge), and this part's bias sums.
            let sums = scratch + part * slot, zeros = sums + 16 * max(ci, co)
            sums.update(repeating: 0, count: co)
            zeros.update(repeating: 0, count: co)
            for t in (tiles * part / parts)..<(tiles * (part + 1) / parts) {
                let s = t / p.tilesPerSample, ty = t % p.tilesPerSample / p.tilesWide, tx = t % p.tilesWide
                @inline(__always) func pixel(_ oy: Int, _ ox: Int) -> UnsafePointer<Float> {
                    oy < p.outputHeight && ox < p.outputWidth
                        ? dy + ((s * p.outputHeight + oy) * p.outputWidth + ox) * co : UnsafePointer(zeros)
                }
                let y00 = pixel(2 * ty, 2 * tx), y01 = pixel(2 * ty, 2 * tx + 1)
                let y10 = pixel(2 * ty + 1, 2 * tx), y11 = pixel(2 * ty + 1, 2 * tx + 1)
                if wantsBias { for k in 0..<co { sums[k] += (y00[k] + y01[k]) + (y10[k] + y11[k]) } }
                // A = [[1, 0], [1, 1], [1, -1], [0, -1]]: rows (y0, y0 + y1, y0 - y1, -y1), then the same across columns.
                for r in 0..<4 {
                    let o0 = dm + ((r * 4 + 0) * tiles + t) * co, o1 = dm + ((r * 4 + 1) * tiles + t) * co
                    let o2 = dm + ((r * 4 + 2) * tiles + t) * co, o3 = dm + ((r * 4 + 3) * tiles + t) * co
                    for k in 0..<co {
                        let a: Float, b: Float
                        switch r {
                        case 0: (a, b) = (y00[k], y01[k])
                        case 1: (a, b) = (y00[k] + y10[k], y01[k] + y11[k])
                        case 2: (a, b) = (y00[k] - y10[k], y01[k] - y11[k])
                        default: (a, b) = (-y10[k], -y11[k])
                        }
                        o0[k] = a; o1[k] = a + b; o2[k] = a - b; o3[k] = -b
                    }
                }
            }
        }
        if let biasGradient {
            for k in 0..<co {
                var total: Float = 0
                for part in 0..<parts { total += scratch[part * slot + k] }
                biasGradient[k] = total
            }
        }
        kernelProducts(tiles: tiles, inChannels: ci, outChannels: co, v: v, dm: dm, into: du, using: products)
        // dW = Gᵀ dU G with G = [[1, 0, 0], [½, ½, ½], [½, -½, ½], [0, 0, 1]], element by element over (in, out).
        let count = ci * co, chunks = count >= 1 << 13 ? 4 * Parallel.coreCount : 1
        Parallel.run(parts: chunks) { part in
            let range = (count * part / chunks)..<(count * (part + 1) / chunks)
            for e in range {
                @inline(__always) func g(_ y: Int, _ x: Int) -> Float { du[(y * 4 + x) * count + e] }
                for ky in 0..<3 {
                    // Row ky of Gᵀ dU: (dU0 + ½(dU1 + dU2), ½(dU1 - dU2), ½(dU1 + dU2) + dU3) per column.
                    @inline(__always) func t(_ x: Int) -> Float {
                        switch ky {
                        case 0: return g(0, x) + 0.5 * (g(1, x) + g(2, x))
                        case 1: return 0.5 * (g(1, x) - g(2, x))
                        default: return 0.5 * (g(1, x) + g(2, x)) + g(3, x)
                        }
                    }
                    let (t0, t1, t2, t3) = (t(0), t(1), t(2), t(3))
                    dw[(ky * 3 + 0) * count + e] = t0 + 0.5 * (t1 + t2)
                    dw[(ky * 3 + 1) * count + e] = 0.5 * (t1 - t2)
                    dw[(ky * 3 + 2) * count + e] = 0.5 * (t1 + t2) + t3
                }
            }
        }
    }
}
