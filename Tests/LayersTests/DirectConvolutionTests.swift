import Activations
import Testing
import Tensors
@testable import Layers

/// The direct convolution (few input channels) against the im2col path on the same weights and
/// data: outputs, kernel, bias and input gradients, for geometries that exercise its pieces
/// (four-pixel blocks, 16- and 32-filter vectors and the scalar tail, padding, stride,
/// dilation) and activations fused per output row (relu, softmax across filters, GLU halving them).
@Suite struct DirectConvolutionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var h, w, c, filters: Int
        var kernel: Size2D, strides: Size2D = 1, dilation: Size2D = 1, padding: Padding = .valid
        var useBias = true, activation = "linear"
        var testDescription: String {
            "\(h)x\(w)x\(c) k\(kernel) s\(strides) d\(dilation) \(padding) f\(filters) \(useBias ? "bias" : "no bias") \(activation)"
        }
    }

    static let cases: [Case] = [
        // The digits CNN's first layer on a smaller image.
        Case(h: 9, w: 11, c: 1, filters: 32, kernel: 3, padding: .same, activation: "relu"),
        Case(h: 8, w: 9, c: 2, filters: 35, kernel: 3, useBias: false),
        Case(h: 9, w: 9, c: 3, filters: 48, kernel: 3, strides: 2, padding: .same, activation: "relu"),
        Case(h: 10, w: 7, c: 3, filters: 20, kernel: [3, 2], strides: [2, 1], activation: "softmax"),
        Case(h: 11, w: 12, c: 1, filters: 64, kernel: 5, padding: .same, useBias: false, activation: "relu"),
        Case(h: 9, w: 10, c: 2, filters: 33, kernel: 3, dilation: 2, padding: .same),
        Case(h: 7, w: 8, c: 4, filters: 7, kernel: 3, strides: 2, activation: "tanh"),
        Case(h: 8, w: 11, c: 8, filters: 36, kernel: 3, padding: .same, activation: "relu"),
        Case(h: 6, w: 9, c: 3, filters: 16, kernel: 1, strides: 2),
        Case(h: 12, w: 13, c: 2, filters: 40, kernel: [2, 4], strides: [1, 3], padding: .same, activation: "glu"),
    ]

    @Test(arguments: cases)
    func directMatchesIm2col(_ t: Case) throws {
        var rng = RandomGenerator(seed: 21)
        func layer() throws -> Conv2D {
            try Conv2D(t.filters, t.kernel, strides: t.strides, padding: t.padding, dilationRate: t.dilation,
                       activation: t.activation, useBias: t.useBias)
        }
        let direct = try layer(), plain = try layer()
        plain.directMaximumDepth = 0
        direct.directMaximumDepth = .max
        try direct.build(inputShape: [t.h, t.w, t.c], rng: &rng)
        try plain.build(inputShape: [t.h, t.w, t.c], rng: &rng)
        #expect(direct.usesDirect && !plain.usesDirect)
        plain.kernel.value.pointer.update(from: direct.kernel.value.pointer, count: direct.kernel.value.count)
        if t.useBias {
            for i in 0..<t.filters { direct.bias!.value[i] = rng.uniform(-0.5, 0.5) }
            plain.bias!.value.pointer.update(from: direct.bias!.value.pointer, count: t.filters)
        }
        // A larger batch first: the second must reuse the buffers and see none of its rows.
        for n in [3, 2] {
            let x = Tensor(shape: [n, t.h, t.w, t.c], scalars: Reference.random(n * t.h * t.w * t.c, -1, 1, &rng))
            let a = direct.forward(x, training: true).doubles, b = plain.forward(x, training: true).doubles
            #expect(a.count == n * direct.outputShape.reduce(1, *))
            #expect(isClose(a, b, absolute: 1e-5, relative: 1e-5), "forward")
            let u = Tensor(shape: [n] + direct.outputShape, scalars: Reference.random(a.count, -1, 1, &rng))
            let da = try #require(direct.backward(u, needInputGradient: true)).doubles
            let db = try #require(plain.backward(u, needInputGradient: true)).doubles
            #expect(isClose(da, db, absolute: 1e-5, relative: 1e-5), "input")
            #expect(isClose(direct.kernel.gradient.doubles, plain.kernel.gradient.doubles, absolute: 1e-4, relative: 1e-5), "kernel")
            if t.useBias {
                #expect(isClose(direct.bias!.gradient.doubles, plain.bias!.gradient.doubles, absolute: 1e-4, relative: 1e-5), "bias")
            }
        }
    }

    /// Without an input gradient (a first layer) the kernel gradient is the same; relu's dz
    /// rows then live only in the pass's own scratch rows, linear's dz is dL/dy itself.
    @Test(arguments: ["linear", "relu"])
    func firstLayerKernelGradient(_ activation: String) throws {
        var rng = RandomGenerator(seed: 4)
        let direct = try Conv2D(32, 3, padding: .same, activation: activation)
        let plain = try Conv2D(32, 3, padding: .same, activation: activation)
        plain.directMaximumDepth = 0
        try direct.build(inputShape: [28, 28, 1], rng: &rng)
        try plain.build(inputShape: [28, 28, 1], rng: &rng)
        plain.kernel.value.pointer.update(from: direct.kernel.value.pointer, count: direct.kernel.value.count)
        #expect(direct.usesDirect)
        for i in 0..<32 { direct.bias!.value[i] = rng.uniform(-0.5, 0.5) }
        plain.bias!.value.pointer.update(from: direct.bias!.value.pointer, count: 32)
        let x = Tensor(shape: [5, 28, 28, 1], scalars: Reference.random(5 * 784, -1, 1, &rng))
        #expect(isClose(direct.forward(x, training: true).doubles, plain.forward(x, training: true).doubles,
                        absolute: 1e-5, relative: 1e-5))
        let u = Tensor(shape: [5, 28, 28, 32], scalars: Reference.random(5 * 784 * 32, -1, 1, &rng))
        #expect(direct.backward(u, needInputGradient: false) == nil)
        _ = plain.backward(u, needInputGradient: false)
        #expect(isClose(direct.kernel.gradient.doubles, plain.kernel.gradient.doubles, absolute: 1e-4, relative: 1e-5))
        #expect(isClose(direct.bias!.gradient.doubles, plain.bias!.gradient.doubles, absolute: 1e-4, relative: 1e-5))
    }

    /// Kernels of more than one tap (or strided 1x1) with an unfolded depth of at most
    /// `directMaximumDepth` (72 in builds for this CPU, 9 in portable ones) go direct;
    /// stride-1 1x1 kernels read the input in place instead.
    @Test func pathSelection() throws {
        func direct(_ conv: Conv2D, _ shape: [Int]) throws -> Bool {
            var rng = RandomGenerator(seed: 1)
            try conv.build(inputShape: shape, rng: &rng)
            return conv.usesDirect
        }
        #expect(try direct(Conv2D(32, 3, padding: .same), [28, 28, 1]))
        #expect(try direct(Conv2D(8, 3, strides: 2), [9, 9, 1]))
        #expect(try direct(Conv2D(8, 1, strides: 2), [9, 9, 3]))
        let wide = Conv2D.directMaximumDepth >= 72
        #expect(try direct(Conv2D(8, 3, strides: 2), [9, 9, 4]) == wide)
        #expect(try direct(Conv2D(8, 5, dilationRate: 2), [12, 12, 1]) == wide)
        #expect(try direct(Conv2D(8, 3), [9, 9, 8]) == wide)
        #expect(try !direct(Conv2D(8, 3), [9, 9, 9]))
        #expect(try direct(Conv2D(8, 2), [9, 9, 3]) == wide)
        #expect(try !direct(Conv2D(8, 1), [9, 9, 3]))
        #expect(try !direct(Conv2D(8, 3, padding: .same), [9, 9, 16]))
        let off = Conv2D(8, 3)
        off.directMaximumDepth = 0
        #expect(try !direct(off, [9, 9, 1]))
    }

    /// The tap ranges that skip padding: positions start + k * dilation inside 0..<limit.
    @Test func tapRanges() {
        func brute(_ start: Int, _ size: Int, _ d: Int, _ limit: Int) -> [Int] {
            (0..<size).filter { start + $0 * d >= 0 && start + $0 * d < limit }
        }
        for start in -7...7 { for size in 1...5 { for d in 1...3 { for limit in 1...6 {
            #expect(Array(DirectConvolution.taps(from: start, size, d, within: limit)) == brute(start, size, d, limit))
        } } } }
    }
}
