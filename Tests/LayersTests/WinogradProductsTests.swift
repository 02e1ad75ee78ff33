import Testing
import Tensors
@testable import Layers

/// Winograd's convolution, its adjoint and its kernel gradient, with the 16 products by register
/// tiles and by OpenBLAS, against Double sums written from the definitions. The shapes put the
/// products' rows, columns (64-, 32- and 16-wide bands) and inner dimension past whole tiles.
@Suite struct WinogradProductsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var n, h, w, c, filters: Int
        var same: Bool
        var testDescription: String { "\(n)x\(h)x\(w)x\(c) -> \(filters) \(same ? "same" : "valid")" }
    }

    static let cases = [
        Case(n: 1, h: 14, w: 14, c: 32, filters: 64, same: true),
        Case(n: 2, h: 7, w: 7, c: 64, filters: 48, same: false),
        Case(n: 3, h: 5, w: 6, c: 16, filters: 112, same: true),
        // 147 tiles: two whole blocks of the blocked convolution and a part one.
        Case(n: 3, h: 14, w: 14, c: 16, filters: 32, same: true),
    ]

    @Test(arguments: cases, [Winograd.Products.registerTiles, .openBLAS])
    func convolutionAdjointAndKernelGradient(_ t: Case, _ products: Winograd.Products) {
        var rng = RandomGenerator(seed: UInt64(t.c * 100 + t.filters))
        let s = SpatialReference.Shape(n: t.n, h: t.h, w: t.w, c: t.c, kh: 3, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, same: t.same)
        let (ci, co) = (t.c, t.filters)
        let forward = Winograd.Plan(inputHeight: t.h, inputWidth: t.w, inChannels: ci, outputHeight: s.oh, outputWidth: s.ow,
                                    outChannels: co, padTop: s.padTop, padLeft: s.padLeft)
        let backward = Winograd.Plan(inputHeight: s.oh, inputWidth: s.ow, inChannels: co, outputHeight: t.h, outputWidth: t.w,
                                     outChannels: ci, padTop: 2 - s.padTop, padLeft: 2 - s.padLeft)
        let x = Reference.random(t.n * t.h * t.w * ci, -1, 1, &rng), k = Reference.random(9 * ci * co, -1, 1, &rng)
        let bias = Reference.random(co, -1, 1, &rng), dy = Reference.random(t.n * s.oh * s.ow * co, -1, 1, &rng)
        let tiles = t.n * max(forward.tilesPerSample, backward.tilesPerSample)
        var u = [Float](repeating: 0, count: 16 * ci * co), v = [Float](repeating: 0, count: 16 * tiles * max(ci, co))
        var m = [Float](repeating: 0, count: 16 * tiles * max(ci, co))
        var scratch = [Float](repeating: 0, count: max(Winograd.scratchCount(forward), Winograd.scratchCount(backward)))
        var y = [Float](repeating: .nan, count: dy.count), dx = [Float](repeating: .nan, count: x.count)
        var du = [Float](repeating: .nan, count: Winograd.kernelGradientCount(forward))
        var dk = [Float](repeating: .nan, count: k.count), db = [Float](repeating: .nan, count: co)
        Winograd.transformKernel(k, into: &u, inChannels: ci, outChannels: co)
        Winograd.convolve(x, samples: t.n, forward, u: u, bias: bias, v: &v, m: &m, scratch: &scratch, into: &y, products: products)
        Winograd.kernelGradient(dy, samples: t.n, forward, v: v, dm: &m, du: &du, scratch: &scratch, biasGradient: &db,
                                into: &dk, products: products)
        var vb = [Float](repeating: 0, count: 16 * tiles * co)
        Winograd.convolve(dy, samples: t.n, backward, u: u, adjoint: true, bias: nil, v: &vb, m: &m, scratch: &scratch,
                          into: &dx, products: products)

        let (x64, k64, dy64) = (x.map(Double.init), k.map(Double.init), dy.map(Double.init))
        var dxExpected = [Double](repeating: 0, count: x.count), dkExpected = [Double](repeating: 0, count: k.count)
        for i in 0..<t.n { for oy in 0..<s.oh { for ox in 0..<s.ow { for ky in 0..<3 { for kx in 0..<3 {
            guard let (iy, ix) = s.tap(oy, ox, ky, kx) else { continue }
            for ch in 0..<ci { for o in 0..<co {
                let g = dy64[((i * s.oh + oy) * s.ow + ox) * co + o], kernelIndex = ((ky * 3 + kx) * ci + ch) * co + o
                let inputIndex = ((i * t.h + iy) * t.w + ix) * ci + ch
                dxExpected[inputIndex] += g * k64[kernelIndex]
                dkExpected[kernelIndex] += g * x64[inputIndex]
            } }
        } } } } }
        let dbExpected = (0..<co).map { o in stride(from: o, to: dy.count, by: co).reduce(0.0) { $0 + dy64[$1] } }
        /// Largest error relative to the largest expected magnitude; infinite where a value was never written (NaN).
        func error(_ got: [Float], _ expected: [Double]) -> Double {
            let errors = zip(got, expected).map { abs(Double($0) - $1) }
            return errors.contains { $0.isNaN } ? .infinity : errors.max()! / expected.map(abs).max()!
        }
        #expect(error(y, SpatialReference.conv(x64, k64, bias.map(Double.init), s, filters: co)) < 2e-6, "forward")
        #expect(error(dx, dxExpected) < 2e-6, "input gradient")
        #expect(error(dk, dkExpected) < 2e-6, "kernel gradient")
        #expect(error(db, dbExpected) < 2e-6, "bias gradient")
    }
}
