import Testing
import Tensors
@testable import Layers

/// Max, average and global average pooling against Double references and finite differences.
@Suite struct PoolingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var h, w, c: Int
        var pool: Size2D, strides: Size2D?, padding: Padding
        var testDescription: String { "\(h)x\(w)x\(c) pool\(pool) s\(strides?.description ?? "=pool") \(padding)" }
    }

    static let cases: [Case] = [
        Case(h: 4, w: 4, c: 2, pool: 2, strides: nil, padding: .valid),
        Case(h: 5, w: 7, c: 2, pool: 2, strides: nil, padding: .same),
        // Non-overlapping windows that leave the last row and column uncovered.
        Case(h: 5, w: 5, c: 2, pool: 2, strides: nil, padding: .valid),
        Case(h: 5, w: 5, c: 1, pool: 3, strides: 2, padding: .same),
        Case(h: 6, w: 5, c: 3, pool: [3, 2], strides: [1, 2], padding: .valid),
        Case(h: 4, w: 5, c: 2, pool: 3, strides: 1, padding: .same),
    ]

    static func layer(_ t: Case, maximum: Bool) -> Pooling2D {
        maximum ? MaxPooling2D(poolSize: t.pool, strides: t.strides, padding: t.padding)
            : AveragePooling2D(poolSize: t.pool, strides: t.strides, padding: t.padding)
    }

    @Test(arguments: cases, [true, false])
    func gradientsMatchFiniteDifferences(_ t: Case, maximum: Bool) throws {
        var rng = RandomGenerator(seed: 11)
        let pool = Self.layer(t, maximum: maximum)
        try pool.build(inputShape: [t.h, t.w, t.c], rng: &rng)
        let stride = t.strides ?? t.pool
        let s = SpatialReference.Shape(n: 2, h: t.h, w: t.w, c: t.c, kh: t.pool.height, kw: t.pool.width,
                                       sh: stride.height, sw: stride.width, dh: 1, dw: 1, same: t.padding == .same)
        #expect(pool.outputShape == [s.oh, s.ow, t.c])
        // Distinct values well apart, so a max window never sits on a tie within the step.
        var values = (0..<(2 * t.h * t.w * t.c)).map { Float($0) * 0.01 - 1 }
        rng.shuffle(&values)
        let x = Tensor(shape: [2, t.h, t.w, t.c], scalars: values)
        let u = Tensor(shape: [2] + pool.outputShape, scalars: Reference.random(2 * s.oh * s.ow * t.c, -1, 1, &rng))
        let y = pool.forward(x, training: true)
        #expect(isClose(y.doubles, SpatialReference.pool(x.doubles, s, maximum: maximum), absolute: 1e-6, relative: 1e-6))
        let dx = try #require(pool.backward(u, needInputGradient: true))
        let fd = Reference.gradient(at: x.doubles, step: 1e-4) { x in
            zip(SpatialReference.pool(x, s, maximum: maximum), u.doubles).reduce(0) { $0 + $1.0 * $1.1 }
        }
        #expect(isClose(dx.doubles, fd))
    }

    /// Keras 'same' average pooling divides by the pixels a window covers, not the window size:
    /// [[1, 2, 3]] with pool 2 -> [1.5, 3].
    @Test func sameAverageExcludesPadding() throws {
        var rng = RandomGenerator(seed: 0)
        let pool = AveragePooling2D(poolSize: [1, 2], padding: .same)
        try pool.build(inputShape: [1, 3, 1], rng: &rng)
        #expect(pool.forward(Tensor(shape: [1, 1, 3, 1], scalars: [1, 2, 3]), training: false).scalars == [1.5, 3])
        let max = MaxPooling2D(poolSize: [1, 2], padding: .same)
        try max.build(inputShape: [1, 3, 1], rng: &rng)
        #expect(max.forward(Tensor(shape: [1, 1, 3, 1], scalars: [-1, -2, -3]), training: false).scalars == [-1, -3])
    }

    /// Keras's shapes: 28 -> 14 -> 7 -> 4 with pool 2 'same'; 7 -> 3 'valid'; strides default to the pool.
    @Test func kerasShapes() throws {
        #expect(try MaxPooling2D(poolSize: 2, padding: .same).plan(inputShape: [7, 7, 128]).outputShape == [4, 4, 128])
        #expect(try MaxPooling2D().plan(inputShape: [7, 7, 3]).outputShape == [3, 3, 3])
        #expect(try AveragePooling2D(poolSize: 3, strides: 1).plan(inputShape: [5, 6, 2]).outputShape == [3, 4, 2])
        #expect(try GlobalAveragePooling2D().plan(inputShape: [5, 6, 2]).outputShape == [2])
        #expect(throws: LayerError.self) { try MaxPooling2D(poolSize: 3, name: "p").plan(inputShape: [2, 2, 1]) }
        #expect(throws: LayerError.self) { try MaxPooling2D(poolSize: 0, name: "p").plan(inputShape: [2, 2, 1]) }
        #expect(throws: LayerError.self) { try GlobalAveragePooling2D(name: "g").plan(inputShape: [4]) }
    }

    @Test func globalAverageGradient() throws {
        var rng = RandomGenerator(seed: 12)
        let pool = GlobalAveragePooling2D()
        try pool.build(inputShape: [3, 2, 4], rng: &rng)
        let x = Tensor(shape: [2, 3, 2, 4], scalars: Reference.random(48, -1, 1, &rng))
        let u = Tensor(shape: [2, 4], scalars: Reference.random(8, -1, 1, &rng))
        func reference(_ x: [Double]) -> [Double] {
            var y = [Double](repeating: 0, count: 8)
            for i in 0..<2 { for p in 0..<6 { for c in 0..<4 { y[i * 4 + c] += x[(i * 6 + p) * 4 + c] / 6 } } }
            return y
        }
        #expect(isClose(pool.forward(x, training: true).doubles, reference(x.doubles), absolute: 1e-6))
        let dx = try #require(pool.backward(u, needInputGradient: true))
        #expect(isClose(dx.doubles, Reference.gradient(at: x.doubles) { zip(reference($0), u.doubles).reduce(0) { $0 + $1.0 * $1.1 } }))
    }
}
