import COpenBLAS
import Tensors

extension Winograd {
    /// How the 16 matrix products of a Winograd convolution run. Their inner dimension is only
    /// 16-128 channels, so OpenBLAS spends about as long packing its operands and zeroing C as
    /// multiplying (perf on a digits CNN run: 16% in its kernel, 11% in packing, 4.5% in memset);
    /// register tiles read the operands where they lie and write C once (same CNN, batch 64,
    /// medians of 12 runs: its 2nd and 3rd convolutions 6.3 -> 5.1 and 5.4 -> 4.4 ms forward,
    /// 11.8 -> 10.5 and 8.5 -> 7.7 ms backward; 2.93 -> 2.72 s per 3,200-image epoch).
    enum Products: Sendable {
        case openBLAS, registerTiles

        /// Register tiles in builds for this CPU's vectors (the release scripts' `-target-cpu
        /// native -D ACTLAB_FMA`): there they run at about 160 GFLOP/s a core against OpenBLAS's
        /// 90-130 on these shapes; in a portable build they run 5-7x slower than OpenBLAS.
        static let preferred: Products = BLAS.unpackedGemmIsFast ? .registerTiles : .openBLAS

        /// Whether register tiles take products `columns` wide: whole vectors of 16, so none
        /// falls to the one-element-at-a-time edge.
        func tiles(columns: Int) -> Bool { self == .registerTiles && columns % 16 == 0 }
    }

    /// Floats of `scratch` past the per-part slots: the adjoint's transposed kernel transforms.
    static func transposedKernelCount(_ p: Plan) -> Int { 16 * p.inChannels * p.outChannels }

    /// m[xi] = v[xi] · u[xi] ([tiles, ci] x [ci, co]) for xi in 0..<16, one product per part. With
    /// `adjoint`, `u` holds [co, ci] blocks read transposed and exchanged as `convolve` describes;
    /// register tiles first copy each block transposed into `transposed` (ci x co floats each),
    /// which costs ci * co moves against the product's tiles * ci * co multiply-adds.
    static func products(tiles: Int, inChannels ci: Int, outChannels co: Int, v: UnsafePointer<Float>,
                         u: UnsafePointer<Float>, adjoint: Bool, transposed: UnsafeMutablePointer<Float>,
                         into m: UnsafeMutablePointer<Float>, using products: Products) {
        nonisolated(unsafe) let (u, v, m, transposed) = (u, v, m, transposed)
        let registerTiles = products.tiles(columns: co)
        if !registerTiles { _ = BLAS.prepared }
        // Each product is single-threaded; the 16 parts share the cores.
        Parallel.run(parts: 16) { xi in
            let a = v + xi * tiles * ci, c = m + xi * tiles * co
            var b = UnsafePointer(u + xi * ci * co)
            if adjoint {
                @inline(__always) func swap(_ i: Int) -> Int { i == 0 ? 3 : i == 3 ? 0 : i }
                let source = u + (swap(xi / 4) * 4 + swap(xi % 4)) * ci * co
                guard registerTiles else {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(tiles), Int32(co), Int32(ci), 1,
                                a, Int32(ci), source, Int32(ci), 0, c, Int32(co))
                    return
                }
                let t = transposed + xi * ci * co
                for j in 0..<co {
                    for k in 0..<ci { t[k * co + j] = source[j * ci + k] }
                }
                b = UnsafePointer(t)
            }
            if registerTiles {
                BLAS.unpackedGemm(m: tiles, n: co, k: ci, a: a, lda: ci, b: b, ldb: co, c: c, ldc: co)
            } else {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(tiles), Int32(co), Int32(ci), 1,
                            a, Int32(ci), b, Int32(co), 0, c, Int32(co))
            }
        }
    }

    /// du[xi] = v[xi]ᵀ · dm[xi] ([ci, tiles] x [tiles, co]) for xi in 0..<16, one product per part:
    /// the tiles are the long inner dimension, which register tiles take in spans that keep dm's
    /// rows in cache.
    static func kernelProducts(tiles: Int, inChannels ci: Int, outChannels co: Int, v: UnsafePointer<Float>,
                               dm: UnsafePointer<Float>, into du: UnsafeMutablePointer<Float>, using products: Products) {
        nonisolated(unsafe) let (v, dm, du) = (v, dm, du)
        let registerTiles = products.tiles(columns: co)
        if !registerTiles { _ = BLAS.prepared }
        Parallel.run(parts: 16) { xi in
            let a = v + xi * tiles * ci, b = dm + xi * tiles * co, c = du + xi * ci * co
            if registerTiles {
                BLAS.unpackedGemm(transposeA: true, m: ci, n: co, k: tiles, a: a, lda: ci, b: b, ldb: co, c: c, ldc: co)
            } else {
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(ci), Int32(co), Int32(tiles), 1,
                            a, Int32(ci), b, Int32(co), 0, c, Int32(co))
            }
        }
    }
}
