import Activations
import Foundation
import Testing
import Tensors
@testable import Layers

/// Conv2D forward against a Double convolution written from its definition, and its kernel,
/// bias and input gradients against finite differences of it, for L = sum(u * y).
@Suite struct Conv2DTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var h, w, c, filters: Int
        var kernel: Size2D, strides: Size2D = 1, dilation: Size2D = 1, padding: Padding = .valid
        var testDescription: String { "\(h)x\(w)x\(c) k\(kernel) s\(strides) d\(dilation) \(padding) f\(filters)" }
    }

    static let cases: [Case] = [
        Case(h: 5, w: 5, c: 2, filters: 3, kernel: 3),
        Case(h: 5, w: 6, c: 2, filters: 3, kernel: 3, padding: .same),
        Case(h: 7, w: 6, c: 1, filters: 2, kernel: [3, 2], strides: 2, padding: .same),
        Case(h: 6, w: 7, c: 2, filters: 2, kernel: [2, 3], strides: [2, 1]),
        Case(h: 7, w: 7, c: 2, filters: 2, kernel: 3, dilation: 2, padding: .same),
        Case(h: 7, w: 6, c: 3, filters: 2, kernel: 2, dilation: [2, 1]),
        Case(h: 4, w: 3, c: 3, filters: 4, kernel: 1),
        // 16 input channels and more take Winograd's F(2x2, 3x3); odd sizes leave partial tiles.
        Case(h: 3, w: 4, c: 16, filters: 2, kernel: 3, padding: .same),
        Case(h: 5, w: 4, c: 16, filters: 1, kernel: 3),
        Case(h: 5, w: 5, c: 16, filters: 2, kernel: 3, padding: .same),
    ]

    @Test(arguments: cases)
    func gradientsMatchFiniteDifferences(_ t: Case) throws {
        let n = 2
        var rng = RandomGenerator(seed: 7)
        let conv = Conv2D(t.filters, t.kernel, strides: t.strides, padding: t.padding, dilationRate: t.dilation, name: "probe")
        try conv.build(inputShape: [t.h, t.w, t.c], rng: &rng)
        for i in 0..<t.filters { conv.bias!.value[i] = rng.uniform(-0.5, 0.5) }
        let s = SpatialReference.Shape(n: n, h: t.h, w: t.w, c: t.c, kh: t.kernel.height, kw: t.kernel.width,
                                       sh: t.strides.height, sw: t.strides.width, dh: t.dilation.height, dw: t.dilation.width,
                                       same: t.padding == .same)
        #expect(conv.outputShape == [s.oh, s.ow, t.filters])
        let x = Tensor(shape: [n, t.h, t.w, t.c], scalars: Reference.random(n * t.h * t.w * t.c, -1, 1, &rng))
        let outCount = n * s.oh * s.ow * t.filters
        let u = Tensor(shape: [n] + conv.outputShape, scalars: Reference.random(outCount, -1, 1, &rng))
        let (x64, k64, b64, u64) = (x.doubles, conv.kernel.value.doubles, conv.bias!.value.doubles, u.doubles)
        func loss(_ x: [Double], _ k: [Double], _ b: [Double]) -> Double {
            zip(SpatialReference.conv(x, k, b, s, filters: t.filters), u64).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let y = conv.forward(x, training: true)
        #expect(isClose(y.doubles, SpatialReference.conv(x64, k64, b64, s, filters: t.filters), absolute: 1e-5, relative: 1e-5))
        let dx = try #require(conv.backward(u, needInputGradient: true))
        #expect(isClose(conv.kernel.gradient.doubles, Reference.gradient(at: k64) { loss(x64, $0, b64) }), "kernel")
        #expect(isClose(conv.bias!.gradient.doubles, Reference.gradient(at: b64) { loss(x64, k64, $0) }), "bias")
        #expect(isClose(dx.doubles, Reference.gradient(at: x64) { loss($0, k64, b64) }), "input")
    }

    /// Winograd against im2col on the digits CNN's second layer shape: how far apart the two
    /// float computations land (measured: a few 1e-7 relative to the output's scale).
    @Test func winogradMatchesIm2col() throws {
        var rng = RandomGenerator(seed: 8)
        let fast = Conv2D(64, 3, padding: .same), plain = Conv2D(64, 3, padding: .same)
        plain.winogradAllowed = false
        try fast.build(inputShape: [14, 14, 32], rng: &rng)
        try plain.build(inputShape: [14, 14, 32], rng: &rng)
        plain.kernel.value.pointer.update(from: fast.kernel.value.pointer, count: fast.kernel.value.count)
        for i in 0..<64 { fast.bias!.value[i] = Float(i) / 64; plain.bias!.value[i] = Float(i) / 64 }
        let x = Tensor(shape: [3, 14, 14, 32], scalars: Reference.random(3 * 14 * 14 * 32, 0, 1, &rng))
        let a = fast.forward(x, training: true).doubles, b = plain.forward(x, training: true).doubles
        let scale = b.map(abs).max()!
        #expect(zip(a, b).map { abs($0 - $1) }.max()! < 1e-5 * scale)
        let u = Tensor(shape: [3, 14, 14, 64], scalars: Reference.random(3 * 14 * 14 * 64, -1, 1, &rng))
        let da = try #require(fast.backward(u, needInputGradient: true)).doubles
        let db = try #require(plain.backward(u, needInputGradient: true)).doubles
        #expect(zip(da, db).map { abs($0 - $1) }.max()! < 1e-5 * db.map(abs).max()!)
        #expect(isClose(fast.kernel.gradient.doubles, plain.kernel.gradient.doubles, absolute: 1e-4, relative: 1e-5))
    }

    /// The Winograd kernel gradient without a bias, for a batch smaller than the one before
    /// (its buffers hold stale tiles past the batch), against dK = Σ x(tap) dy written out in Double.
    @Test(arguments: [(6, 5, Padding.valid), (5, 6, .same), (8, 8, .same)])
    func winogradKernelGradientAgainstDefinition(_ h: Int, _ w: Int, _ padding: Padding) throws {
        var rng = RandomGenerator(seed: 11)
        let (c, f, n) = (16, 5, 2)
        let conv = Conv2D(f, 3, padding: padding, useBias: false)
        try conv.build(inputShape: [h, w, c], rng: &rng)
        #expect(conv.usesWinograd)
        let s = SpatialReference.Shape(n: n, h: h, w: w, c: c, kh: 3, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, same: padding == .same)
        _ = conv.forward(Tensor(shape: [n + 2, h, w, c], scalars: Reference.random((n + 2) * h * w * c, -1, 1, &rng)), training: true)
        let x = Tensor(shape: [n, h, w, c], scalars: Reference.random(n * h * w * c, -1, 1, &rng))
        let u = Tensor(shape: [n, s.oh, s.ow, f], scalars: Reference.random(n * s.oh * s.ow * f, -1, 1, &rng))
        _ = conv.forward(x, training: true)
        _ = conv.backward(u, needInputGradient: false)
        let (x64, u64) = (x.doubles, u.doubles)
        var expected = [Double](repeating: 0, count: 9 * c * f)
        for i in 0..<n { for oy in 0..<s.oh { for ox in 0..<s.ow { for ky in 0..<3 { for kx in 0..<3 {
            guard let (iy, ix) = s.tap(oy, ox, ky, kx) else { continue }
            for ch in 0..<c { for o in 0..<f {
                expected[((ky * 3 + kx) * c + ch) * f + o] += x64[((i * h + iy) * w + ix) * c + ch] * u64[((i * s.oh + oy) * s.ow + ox) * f + o]
            } }
        } } } } }
        #expect(isClose(conv.kernel.gradient.doubles, expected, absolute: 1e-5, relative: 1e-5))
    }

    /// Only stride-1, undilated 3x3 kernels over 16 or more channels take Winograd; the rest im2col.
    @Test func winogradPathSelection() throws {
        func winograd(_ conv: Conv2D, _ shape: [Int]) throws -> Bool {
            var rng = RandomGenerator(seed: 1)
            try conv.build(inputShape: shape, rng: &rng)
            return conv.usesWinograd
        }
        #expect(try winograd(Conv2D(8, 3, padding: .same), [9, 9, 16]))
        #expect(try winograd(Conv2D(8, 3), [9, 9, 32]))
        #expect(try !winograd(Conv2D(8, 3, padding: .same), [9, 9, 15]))
        #expect(try !winograd(Conv2D(8, 3, strides: 2, padding: .same), [9, 9, 16]))
        #expect(try !winograd(Conv2D(8, 3, padding: .same, dilationRate: 2), [9, 9, 16]))
        #expect(try !winograd(Conv2D(8, [3, 2], padding: .same), [9, 9, 16]))
        #expect(try !winograd(Conv2D(8, 5, padding: .same), [9, 9, 16]))
    }

    /// The activation runs through the same path as Dense's: here tanh, checked end to end.
    @Test func activationAndNoBias() throws {
        var rng = RandomGenerator(seed: 3)
        let conv = Conv2D(2, 2, padding: .same, activation: Tanh(), useBias: false)
        try conv.build(inputShape: [3, 3, 2], rng: &rng)
        #expect(conv.parameters.count == 1)
        let s = SpatialReference.Shape(n: 1, h: 3, w: 3, c: 2, kh: 2, kw: 2, sh: 1, sw: 1, dh: 1, dw: 1, same: true)
        let x = Tensor(shape: [1, 3, 3, 2], scalars: Reference.random(18, -1, 1, &rng))
        let u = Tensor(shape: [1, 3, 3, 2], scalars: Reference.random(18, -1, 1, &rng))
        let k64 = conv.kernel.value.doubles
        func loss(_ x: [Double], _ k: [Double]) -> Double {
            zip(SpatialReference.conv(x, k, [], s, filters: 2).map { Foundation.tanh($0) }, u.doubles).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = conv.forward(x, training: true)
        let dx = try #require(conv.backward(u, needInputGradient: true))
        #expect(isClose(conv.kernel.gradient.doubles, Reference.gradient(at: k64) { loss(x.doubles, $0) }))
        #expect(isClose(dx.doubles, Reference.gradient(at: x.doubles) { loss($0, k64) }))
    }

    /// Keras: 28x28x1 -> Conv2D(32, 3) valid 26x26x32 with 320 weights; same keeps 28x28;
    /// strides 2 same gives ceil(28 / 2) = 14; a 5x5 kernel with dilation 2 valid spans 9.
    @Test func kerasShapesAndCounts() throws {
        #expect(try Conv2D(32, 3).plan(inputShape: [28, 28, 1]) ==
            LayerPlan(layer: "", outputShape: [26, 26, 32], trainable: [[3, 3, 1, 32], [32]]))
        #expect(try Conv2D(64, 3, padding: .same).plan(inputShape: [14, 14, 32]).trainableCount == 18_496)
        #expect(try Conv2D(8, 3, strides: 2, padding: .same).plan(inputShape: [28, 28, 1]).outputShape == [14, 14, 8])
        #expect(try Conv2D(8, 3, strides: 2).plan(inputShape: [28, 28, 1]).outputShape == [13, 13, 8])
        #expect(try Conv2D(4, 5, dilationRate: 2).plan(inputShape: [20, 20, 3]).outputShape == [12, 12, 4])
        #expect(try Conv2D(4, [1, 7], padding: .same).plan(inputShape: [9, 9, 3]).outputShape == [9, 9, 4])
    }

    @Test func badConfigurationsThrowNamingTheLayer() {
        func message(_ conv: Conv2D, _ shape: [Int]) -> String {
            do { _ = try conv.plan(inputShape: shape); return "" } catch { return "\(error)" }
        }
        #expect(message(Conv2D(4, 3, name: "c"), [28, 28]).contains("layer 'c': expected an image input"))
        #expect(message(Conv2D(4, 5, name: "c"), [3, 3, 1]).contains("'valid' padding"))
        #expect(message(Conv2D(0, 3, name: "c"), [8, 8, 1]).contains("filters must be positive"))
        #expect(message(Conv2D(4, [3, 3, 3], name: "c"), [8, 8, 1]).contains("kernel_size"))
        #expect(message(Conv2D(4, 0, name: "c"), [8, 8, 1]).contains("kernel_size"))
        #expect(message(Conv2D(4, 3, strides: 2, dilationRate: 2, name: "c"), [8, 8, 1]).contains("dilation_rate"))
        #expect(message(Conv2D(4, Size2D(Int.max), dilationRate: 3, name: "c"), [8, 8, 1]).contains("overflows"))
    }

    /// Glorot uniform over fan-in kh*kw*cin and fan-out kh*kw*filters, as Keras.
    @Test func glorotUniformKernel() throws {
        var rng = RandomGenerator(seed: 5)
        let conv = Conv2D(16, 3)
        try conv.build(inputShape: [8, 8, 8], rng: &rng)
        let limit = (6.0 / Double(9 * 8 + 9 * 16)).squareRoot()
        let w = conv.kernel.value.doubles
        #expect(w.allSatisfy { abs($0) <= limit } && w.max()! > 0.9 * limit && w.min()! < -0.9 * limit)
        #expect(conv.bias!.value.scalars.allSatisfy { $0 == 0 })
    }

    /// A smaller batch after a larger one reuses the buffers and touches only its rows.
    @Test func batchShrinksAndGrows() throws {
        var rng = RandomGenerator(seed: 6)
        let conv = Conv2D(3, 3, padding: .same)
        try conv.build(inputShape: [5, 5, 2], rng: &rng)
        let big = Tensor(shape: [4, 5, 5, 2], scalars: Reference.random(200, -1, 1, &rng))
        let full = conv.forward(big, training: true).copy()
        let small = conv.forward(big.rows(1..<2), training: true)
        #expect(small.shape == [1, 5, 5, 3])
        // Equal up to rounding: the matrix product may block a smaller batch differently.
        #expect(isClose(small.doubles, Array(full.doubles[75..<150]), absolute: 1e-6, relative: 1e-6))
    }
}
