import Tensors

extension Winograd {
    /// Tiles per block of `convolveBlocked`: a block's transformed input and products (16 x 64 x
    /// 128 floats at the most in the digits CNN, 512 KB) stay in the core's L2 cache.
    static let blockTiles = 64

    /// Floats of `scratch` past the slots and the transposed kernels: a block of products per part.
    static func blockedCount(_ p: Plan) -> Int { blockedParts * 16 * blockTiles * p.outChannels }

    static let blockedParts = 4 * Parallel.coreCount

    /// `convolve` by blocks of tiles, each part taking a block from input transform through the
    /// 16 products to output transform while it is in cache. Whole, the transformed input and the
    /// products are 4x the image and the output; written out and read back by three passes they
    /// left the products streaming from memory at about 40% of their in-cache speed. `v` is
    /// still filled (the kernel gradient reads it); the products never leave the part's scratch.
    static func convolveBlocked(_ x: UnsafePointer<Float>, samples n: Int, _ p: Plan, u: UnsafePointer<Float>, adjoint: Bool,
                                bias: UnsafePointer<Float>?, v: UnsafeMutablePointer<Float>,
                                scratch: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let tiles = n * p.tilesPerSample, ci = p.inChannels, co = p.outChannels
        let blocks = (tiles + blockTiles - 1) / blockTiles, parts = min(blocks, blockedParts)
        let slot = slotSize(p), blockSize = 16 * blockTiles * co
        nonisolated(unsafe) let (x, u, v, y, bias, scratch) = (x, u, v, y, bias, scratch)
        nonisolated(unsafe) let transposed = scratch + slotsCount(p)
        nonisolated(unsafe) let products = transposed + transposedKernelCount(p)
        if adjoint {
            // The adjoint's kernel blocks, exchanged and transposed once (see `products`).
            Parallel.run(parts: 16) { xi in
                @inline(__always) func swap(_ i: Int) -> Int { i == 0 ? 3 : i == 3 ? 0 : i }
                let source = u + (swap(xi / 4) * 4 + swap(xi % 4)) * ci * co, t = transposed + xi * ci * co
                for j in 0..<co {
                    for k in 0..<ci { t[k * co + j] = source[j * ci + k] }
                }
            }
        }
        nonisolated(unsafe) let kernels = adjoint ? UnsafePointer(transposed) : u
        Parallel.run(parts: parts) { part in
            let w = scratch + part * slot, m = products + part * blockSize
            for b in (blocks * part / parts)..<(blocks * (part + 1) / parts) {
                let t0 = b * blockTiles, t1 = min(t0 + blockTiles, tiles), rows = t1 - t0
                inputTiles(t0..<t1, x, p, tiles: tiles, into: v, slot: w)
                for xi in 0..<16 {
                    BLAS.unpackedGemm(m: rows, n: co, k: ci, a: v + (xi * tiles + t0) * ci, lda: ci,
                                      b: kernels + xi * ci * co, ldb: co, c: m + xi * rows * co, ldc: co)
                }
                outputTiles(t0..<t1, m, rows: rows, first: t0, p, bias: bias, slot: w, into: y)
            }
        }
    }
}
